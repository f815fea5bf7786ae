use super::*;

#[test]
fn empty_module() {
    let m = parse(b"\0asm\x01\0\0\0").unwrap();
    assert_eq!(m.version, 1);
}
