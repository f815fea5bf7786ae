// JavaScript baselines that belong to no single tab.

// The memory-bandwidth line: copying a typed array is as fast as this browser moves
// bytes, so no filter over the same buffer can beat it.
export function makeCopyCase(bytes) {
  const src = new Uint8Array(bytes);
  for (let i = 0; i < src.length; i++) src[i] = i & 255;
  const dst = new Uint8Array(bytes);
  return () => {
    dst.set(src);
    return dst[bytes - 1];
  };
}
