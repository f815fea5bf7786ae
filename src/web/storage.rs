//! localStorage with every failure as a value: storage can be disabled (privacy
//! settings), full (quota), or hold text some other version of the app wrote.

use std::fmt;

use super::error::js_error_message;

#[derive(Clone, Debug, PartialEq)]
pub enum StorageError {
    /// No localStorage in this context (blocked by settings, or a sandboxed frame).
    Unavailable,
    /// The browser refused the write, usually because the quota is full.
    WriteRefused(String),
    ReadFailed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => {
                write!(
                    f,
                    "this browser does not let the page use local storage, so nothing is saved across reloads"
                )
            }
            StorageError::WriteRefused(why) => write!(
                f,
                "the browser refused to save ({why}); the storage may be full"
            ),
            StorageError::ReadFailed(why) => write!(f, "could not read saved data ({why})"),
        }
    }
}

impl std::error::Error for StorageError {}

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    local_storage()?
        .get_item(key)
        .map_err(|e| StorageError::ReadFailed(js_error_message(&e)))
}

pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local_storage()?
        .set_item(key, value)
        .map_err(|e| StorageError::WriteRefused(js_error_message(&e)))
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    local_storage()?
        .remove_item(key)
        .map_err(|e| StorageError::WriteRefused(js_error_message(&e)))
}
