// The JavaScript baseline of the Canvas tab: the same command list drawn with the same
// Canvas 2D calls as renderer A, but from a JavaScript loop, so no call crosses the
// WASM↔JS boundary. The list arrives once, as JSON, when a case is set up.

const OPS = {
  MoveTo: 0, LineTo: 1, Rect: 2, Circle: 3, FillColor: 4, StrokeColor: 5,
  LineWidth: 6, BeginPath: 7, Fill: 8, Stroke: 9, Text: 10, Clear: 11,
};

// JSON (serde's externally tagged form: "BeginPath" or {"MoveTo":[x,y]}) → [op, ...args].
function compile(json) {
  const list = JSON.parse(json);
  return list.map((c) => {
    if (typeof c === "string") return [OPS[c]];
    const name = Object.keys(c)[0];
    const v = c[name];
    return Array.isArray(v) ? [OPS[name], ...v] : [OPS[name], v];
  });
}

// Resets the context to the defaults the Rust rasterizer starts from (see the mapping
// table in src/lab/canvas/mod.rs), then replays the list.
export function drawOps(ctx, ops, width, height) {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.beginPath();
  ctx.fillStyle = "#000000";
  ctx.strokeStyle = "#000000";
  ctx.lineWidth = 1;
  ctx.lineCap = "butt";
  ctx.lineJoin = "miter";
  ctx.miterLimit = 10;
  ctx.globalAlpha = 1;
  ctx.globalCompositeOperation = "source-over";
  ctx.font = "16px monospace";
  ctx.textAlign = "start";
  ctx.textBaseline = "alphabetic";
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    switch (o[0]) {
      case 0: ctx.moveTo(o[1], o[2]); break;
      case 1: ctx.lineTo(o[1], o[2]); break;
      case 2: ctx.rect(o[1], o[2], o[3], o[4]); break;
      case 3:
        ctx.moveTo(o[1] + o[3], o[2]);
        if (o[3] >= 0) ctx.arc(o[1], o[2], o[3], 0, 2 * Math.PI);
        break;
      case 4: ctx.fillStyle = o[1]; break;
      case 5: ctx.strokeStyle = o[1]; break;
      case 6: ctx.lineWidth = o[1]; break;
      case 7: ctx.beginPath(); break;
      case 8: ctx.fill(); break;
      case 9: ctx.stroke(); break;
      case 10: ctx.fillText(o[1], o[2], o[3]); break;
      case 11: ctx.clearRect(0, 0, width, height); break;
    }
  }
}

// A benchmark side: draws the whole list on its own canvas, then reads one pixel back so
// the browser must finish drawing (Canvas 2D may defer work) and the JIT cannot drop it.
export function makeCanvasJsCase(json, width, height) {
  const ops = compile(json);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  // Read back at the end of every run, like the Rust side's canvases (web::canvas::context_2d).
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  return () => {
    drawOps(ctx, ops, width, height);
    return ctx.getImageData(0, 0, 1, 1).data[3];
  };
}
