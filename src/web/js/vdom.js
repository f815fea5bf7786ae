// Plain JavaScript DOM code for the js-framework-benchmark operations, written the way
// its vanilla-js entry writes them (frameworks/keyed/vanillajs/src/Main.js): one row
// template cloned with cloneNode(true), text set through nodeValue, rows kept in an
// array, direct insertBefore/removeChild on the <tbody>, textContent = "" to clear.
// This is the baseline the Virtual DOM tab's diff+patch (WASM) is measured against.
// Rows have exactly the shape of lab::vdom::rows::row_node, so both sides build the same DOM.

const ADJECTIVES = ["pretty", "large", "big", "small", "tall", "short", "long", "handsome",
  "plain", "quaint", "clean", "elegant", "easy", "angry", "crazy", "helpful", "mushy", "odd",
  "unsightly", "adorable", "important", "inexpensive", "cheap", "expensive", "fancy"];
const COLOURS = ["red", "yellow", "blue", "green", "pink", "brown", "purple", "brown",
  "white", "black", "orange"];
const NOUNS = ["table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich",
  "burger", "pizza", "mouse", "keyboard"];

function pick(words) {
  return words[Math.floor(Math.random() * words.length)];
}

let rowTemplate = null;

function template() {
  if (rowTemplate === null) {
    rowTemplate = document.createElement("tr");
    rowTemplate.innerHTML =
      '<td class="col-md-1"> </td><td class="col-md-4"><a> </a></td>' +
      '<td class="col-md-1"><a><span class="glyphicon glyphicon-remove" aria-hidden="true">' +
      '</span></a></td><td class="col-md-6"></td>';
  }
  return rowTemplate;
}

// One table: the data and the row elements side by side, as vanilla-js keeps them.
class Table {
  constructor(rows) {
    this.nextId = 1;
    this.data = [];
    this.rows = [];
    this.tbody = document.createElement("tbody");
    this.append(rows);
  }

  buildData(count) {
    const data = new Array(count);
    for (let i = 0; i < count; i++) {
      data[i] = { id: this.nextId++, label: `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}` };
    }
    return data;
  }

  createRow(item) {
    const tr = template().cloneNode(true);
    const td1 = tr.firstChild;
    const a2 = td1.nextSibling.firstChild;
    td1.firstChild.nodeValue = item.id;
    a2.firstChild.nodeValue = item.label;
    return tr;
  }

  append(count) {
    const fresh = this.buildData(count);
    for (const item of fresh) {
      const tr = this.createRow(item);
      this.data.push(item);
      this.rows.push(tr);
      this.tbody.appendChild(tr);
    }
  }

  clear() {
    this.tbody.textContent = "";
    this.rows = [];
    this.data = [];
  }

  // Every 10th label gets " !!!" (add) or loses it (strip).
  update(add) {
    for (let i = 0; i < this.data.length; i += 10) {
      const item = this.data[i];
      item.label = add ? item.label + " !!!" : item.label.slice(0, -4);
      this.rows[i].childNodes[1].firstChild.firstChild.nodeValue = item.label;
    }
  }

  swap(i, j) {
    if (this.data.length <= Math.max(i, j) || i + 1 >= j) return;
    const rows = this.rows;
    const a = rows[i];
    const b = rows[j];
    this.tbody.insertBefore(b, rows[i + 1]);
    this.tbody.insertBefore(a, rows[j + 1] || null);
    rows[i] = b;
    rows[j] = a;
    const d = this.data[i];
    this.data[i] = this.data[j];
    this.data[j] = d;
  }

  remove(index) {
    const [row] = this.rows.splice(index, 1);
    const [item] = this.data.splice(index, 1);
    this.tbody.removeChild(row);
    return [row, item];
  }

  insert(index, row, item) {
    this.tbody.insertBefore(row, this.rows[index] || null);
    this.rows.splice(index, 0, row);
    this.data.splice(index, 0, item);
  }

  removeLast(count) {
    for (let k = 0; k < count; k++) {
      this.tbody.removeChild(this.rows.pop());
      this.data.pop();
    }
  }
}

// A benchmark step: returns a function that does `op` once and returns a number read
// back from the DOM, so the engine cannot skip the work.
export function makeVanillaCase(op, rows) {
  let table = new Table(rows);
  let add = true;
  const size = () => {
    const first = table.tbody.firstChild;
    return table.tbody.childNodes.length + (first ? first.firstChild.firstChild.nodeValue.length : 0);
  };
  switch (op) {
    case "create":
      return () => {
        table = new Table(0);
        table.append(1000);
        return size();
      };
    case "replace-all":
      return () => {
        table.clear();
        table.append(1000);
        return size();
      };
    case "update-10th":
      return () => {
        table.update(add);
        add = !add;
        return size();
      };
    case "swap":
      return () => {
        table.swap(1, 998);
        return size();
      };
    case "remove-one":
      return () => {
        const [row, item] = table.remove(1);
        const between = table.tbody.childNodes.length;
        table.insert(1, row, item);
        return between + size();
      };
    case "append":
      return () => {
        table.append(1000);
        const between = table.tbody.childNodes.length;
        table.removeLast(1000);
        return between + size();
      };
    case "clear":
      return () => {
        table.append(1000);
        const between = table.tbody.childNodes.length;
        table.clear();
        return between + size();
      };
    default:
      throw new Error(`unknown operation ${op}`);
  }
}
