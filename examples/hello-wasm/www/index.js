// The tutorial's page script, as a web page would load it:
//   <script type="module" src="./index.js"></script>
// wasm-bindgen --target web made ./pkg/hello_wasm.js: an ES module whose default
// export fetches and instantiates hello_wasm_bg.wasm, and whose named exports are
// the Rust functions, ready to call like any JavaScript function.
import init, { add } from './pkg/hello_wasm.js';

await init();
const result = add(2, 3);
console.log(`add(2, 3) = ${result}`);

// Exported so that a page importing this script can show what the call returned.
export { result };
