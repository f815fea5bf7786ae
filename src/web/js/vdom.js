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
  // `labels`: row `id` is labelled labels[(id - 1) % labels.length], as on the WASM sides.
  constructor(rows, labels) {
    this.labels = labels;
    this.nextId = 1;
    this.data = [];
    this.rows = [];
    this.tbody = document.createElement("tbody");
    this.append(rows);
  }

  buildData(count) {
    const data = new Array(count);
    for (let i = 0; i < count; i++) {
      const id = this.nextId++;
      const label = this.labels
        ? this.labels[(id - 1) % this.labels.length]
        : `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}`;
      data[i] = { id, label };
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
//
// With a `stage` element, the table is put in a <table> inside it (in the document), and
// after every update the function reads the table's offsetHeight, which makes the browser
// recompute style and layout right there — the work js-framework-benchmark counts after
// the script (it also counts paint, which no synchronous code can wait for). Without one,
// the <tbody> stays detached and only the script is timed.
// Puts a benchmark stage in the document, alone: the stages of cases that already ran are
// taken out, so every case is timed in the same page (just its own tables).
export function showStage(stage) {
  if (stage.isConnected) return;
  for (const old of document.querySelectorAll("[data-bench-stage]")) old.remove();
  document.body.appendChild(stage);
}

export function makeVanillaCase(op, rows, stage, labels) {
  let host = null;
  const attach = (table) => {
    if (stage) {
      showStage(stage);
      if (host !== null) host.remove();
      host = document.createElement("table");
      host.appendChild(table.tbody);
      stage.appendChild(host);
    }
    return table;
  };
  let table = attach(new Table(rows, labels));
  let add = true;
  // After an update: the layout (when staged) and a number that depends on the DOM.
  const settle = () => (host === null ? 0 : host.offsetHeight);
  const size = () => {
    const first = table.tbody.firstChild;
    return table.tbody.childNodes.length + (first ? first.firstChild.firstChild.nodeValue.length : 0);
  };
  switch (op) {
    case "create":
      return () => {
        table = attach(new Table(0, labels));
        table.append(1000);
        return settle() + size();
      };
    case "replace-all":
      return () => {
        table.clear();
        table.append(1000);
        return settle() + size();
      };
    case "update-10th":
      return () => {
        table.update(add);
        add = !add;
        return settle() + size();
      };
    case "swap":
      return () => {
        table.swap(1, 998);
        return settle() + size();
      };
    case "remove-one":
      return () => {
        const [row, item] = table.remove(1);
        const between = settle() + table.tbody.childNodes.length;
        table.insert(1, row, item);
        return between + settle() + size();
      };
    case "append":
      return () => {
        table.append(1000);
        const between = settle() + table.tbody.childNodes.length;
        table.removeLast(1000);
        return between + settle() + size();
      };
    case "clear":
      return () => {
        table.append(1000);
        const between = settle() + table.tbody.childNodes.length;
        table.clear();
        return between + settle() + size();
      };
    default:
      throw new Error(`unknown operation ${op}`);
  }
}

// ---------------------------------------------------------------------------------------
// The batched patcher: one call from WASM per patch list.
//
// Calling a DOM method from WASM goes through a JS glue function per call; replaying a
// patch list with web-sys makes thousands of those crossings. Instead the Rust side
// (src/lab/vdom/encode.rs, `Encoder`) writes the whole list as numbers into one Uint32Array and
// every string into one JS string (`strings`, sliced by UTF-16 offset), and this loop
// makes the DOM calls — the technique of sledgehammer-bindgen (Dioxus) and of Leptos's
// and Solid's template cloning: an inserted or replacing node whose shape (tags, attributes,
// structure) was already built in this list is copied with cloneNode(true), texts set,
// as the vanilla-js benchmark entry does by hand.
//
// The opcodes and the indexes into `counts` come from lab::vdom::encode (`Op`, `Counter`,
// which also document each op's operands):
// region: opcodes
// Written from lab::vdom::encode (Op, Counter) by `UPDATE_JS=1 cargo test --test vdom_js_table`;
// that test fails while this block and the Rust enums disagree. Do not edit by hand.
const PATCH = 1; // n, i1..in: start a patch at root.childNodes[i1]…
const SET_TEXT = 2; // text
const SET_ATTR = 3; // name, value
const REMOVE_ATTR = 4; // name
const REPLACE = 5; // (pops the built node)
const INSERT = 6; // index (pops the built node)
const REMOVE = 7; // index
const MOVE = 8; // from, to
const ELEM = 10; // tag: push a new element
const ATTR = 11; // name, value: on the top element
const TEXT = 12; // text: push a new text node
const APPEND = 13; // pop a node, append it to the new top
const CLONE = 14; // template: push a deep copy of a template
const SLOT = 15; // k, text: set the k-th text (pre-order) of the top
const KEEP = 16; // template: remember the top node as a template
// Indexes into `counts`.
const C_ELEMENT = 0; // createElement
const C_TEXT = 1; // createTextNode
const C_INSERT = 2; // insertBefore / appendChild (new)
const C_MOVE = 3; // insertBefore (move)
const C_REMOVE = 4; // removeChild
const C_REPLACE = 5; // replaceChild
const C_SET_ATTR = 6; // setAttribute
const C_REMOVE_ATTR = 7; // removeAttribute
const C_SET_TEXT = 8; // text update
const C_CLONE = 9; // cloneNode (template)
// endregion

class PatchFailure extends Error {
  constructor(patch, message) {
    super(message);
    this.patch = patch;
  }
}

// Child-index paths to every text node under `root`, in pre-order (the order the Rust
// encoder numbers a template's text slots).
function textPaths(root) {
  const paths = [];
  const walk = [[root, []]];
  while (walk.length > 0) {
    const [node, path] = walk.pop();
    if (node.nodeType === 3) {
      paths.push(path);
      continue;
    }
    const kids = [];
    let i = 0;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      kids.push([child, path.concat(i++)]);
    }
    for (let k = kids.length - 1; k >= 0; k--) walk.push(kids[k]);
  }
  return paths;
}

function follow(node, path) {
  for (const index of path) {
    node = node.firstChild;
    for (let k = 0; k < index; k++) node = node.nextSibling;
  }
  return node;
}

function requireElement(node, patch) {
  if (node.nodeType !== 1) throw new PatchFailure(patch, "the node is text, not an element");
}

function quoted(text) {
  return JSON.stringify(text);
}

// Applies an encoded patch list to the tree in `container` (its first child is the root).
// Adds the DOM calls made to `counts`. Throws a PatchFailure naming the patch (0-based).
export function applyOps(container, ops, strings, counts) {
  const str = (off, len) => strings.substring(off, off + len);
  const doc = container.ownerDocument;
  const templates = [];
  const stack = [];
  let node = null;
  let patch = -1;
  let pc = 0;
  try {
    while (pc < ops.length) {
      switch (ops[pc++]) {
        case PATCH: {
          patch++;
          node = container.firstChild;
          if (node === null) throw new PatchFailure(patch, "the container holds no tree");
          const n = ops[pc++];
          for (let d = 0; d < n; d++) {
            const next = node.childNodes[ops[pc++]];
            if (next === undefined) {
              throw new PatchFailure(patch, `step ${d + 1} of the path leads to no node`);
            }
            node = next;
          }
          break;
        }
        case SET_TEXT: {
          if (node.nodeType !== 3) throw new PatchFailure(patch, "the node is an element, not text");
          node.nodeValue = str(ops[pc], ops[pc + 1]);
          pc += 2;
          counts[C_SET_TEXT]++;
          break;
        }
        case SET_ATTR: {
          requireElement(node, patch);
          node.setAttribute(str(ops[pc], ops[pc + 1]), str(ops[pc + 2], ops[pc + 3]));
          pc += 4;
          counts[C_SET_ATTR]++;
          break;
        }
        case REMOVE_ATTR: {
          requireElement(node, patch);
          const name = str(ops[pc], ops[pc + 1]);
          pc += 2;
          if (!node.hasAttribute(name)) {
            throw new PatchFailure(patch, `the element has no attribute ${quoted(name)} to remove`);
          }
          node.removeAttribute(name);
          counts[C_REMOVE_ATTR]++;
          break;
        }
        case REPLACE: {
          const live = stack.pop();
          const parent = node.parentNode;
          if (parent === null) throw new PatchFailure(patch, "the node has no parent");
          parent.replaceChild(live, node);
          counts[C_REPLACE]++;
          break;
        }
        case INSERT: {
          const index = ops[pc++];
          const live = stack.pop();
          requireElement(node, patch);
          const kids = node.childNodes;
          if (index > kids.length) {
            throw new PatchFailure(patch,
              `child index ${index} is out of range: there are ${kids.length} children`);
          }
          node.insertBefore(live, kids[index] ?? null);
          counts[C_INSERT]++;
          break;
        }
        case REMOVE: {
          const index = ops[pc++];
          requireElement(node, patch);
          const child = node.childNodes[index];
          if (child === undefined) {
            throw new PatchFailure(patch,
              `child index ${index} is out of range: there are ${node.childNodes.length} children`);
          }
          node.removeChild(child);
          counts[C_REMOVE]++;
          break;
        }
        case MOVE: {
          const from = ops[pc], to = ops[pc + 1];
          pc += 2;
          requireElement(node, patch);
          const kids = node.childNodes;
          if (from >= kids.length || to >= kids.length) {
            throw new PatchFailure(patch,
              `move ${from} → ${to} is out of range: there are ${kids.length} children`);
          }
          // `to` counts without the moved child: see PatchOp::MoveChild.
          const reference = to < from ? kids[to] : kids[to + 1] ?? null;
          node.insertBefore(kids[from], reference);
          counts[C_MOVE]++;
          break;
        }
        case ELEM: {
          stack.push(doc.createElement(str(ops[pc], ops[pc + 1])));
          pc += 2;
          counts[C_ELEMENT]++;
          break;
        }
        case ATTR: {
          stack[stack.length - 1].setAttribute(str(ops[pc], ops[pc + 1]), str(ops[pc + 2], ops[pc + 3]));
          pc += 4;
          counts[C_SET_ATTR]++;
          break;
        }
        case TEXT: {
          stack.push(doc.createTextNode(str(ops[pc], ops[pc + 1])));
          pc += 2;
          counts[C_TEXT]++;
          break;
        }
        case APPEND: {
          const child = stack.pop();
          stack[stack.length - 1].appendChild(child);
          counts[C_INSERT]++;
          break;
        }
        case KEEP: {
          // A private copy: later patches in the list may change the node just built.
          templates[ops[pc++]] = { node: stack[stack.length - 1].cloneNode(true), slots: null };
          counts[C_CLONE]++;
          break;
        }
        case CLONE: {
          const template = templates[ops[pc++]];
          const copy = template.node.cloneNode(true);
          counts[C_CLONE]++;
          // The SLOTs that follow address this copy's texts.
          let k = ops[pc];
          while (k === SLOT) {
            if (template.slots === null) template.slots = textPaths(template.node);
            follow(copy, template.slots[ops[pc + 1]]).nodeValue = str(ops[pc + 2], ops[pc + 3]);
            counts[C_SET_TEXT]++;
            pc += 4;
            k = ops[pc];
          }
          stack.push(copy);
          break;
        }
        default:
          throw new PatchFailure(patch, `bad opcode ${ops[pc - 1]} at ${pc - 1}`);
      }
    }
  } catch (e) {
    if (e instanceof PatchFailure) throw e;
    throw new PatchFailure(patch, `${e.name}: ${e.message}`);
  }
}
