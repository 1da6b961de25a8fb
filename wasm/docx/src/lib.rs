//! The .docx and .zip reader of the web page, loaded by the worker on the first .docx or .zip.
//!
//! Takes the bytes of a Word file or of an archive the user dropped; gives the Word file's text
//! as the command line reads it (`nianbao::decode::docx::to_text`: the analyzer module takes it
//! from there) or the archive's members. No analysis here.

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(start)]
    fn start() {
        console_error_panic_hook::set_once();
    }

    fn js_error(message: &str) -> JsValue {
        js_sys::Error::new(message).into()
    }

    /// The text of a .docx, tables one row a line with cells split by tabs; an `Error` with
    /// the Chinese message of `nianbao::Error` for a zip that is no Word file or is broken.
    #[wasm_bindgen]
    pub fn docx_text(bytes: &[u8]) -> Result<String, JsValue> {
        nianbao::decode::docx::to_text(bytes).map_err(|e| js_error(&e.to_string()))
    }

    /// The files of a .zip archive: `[{name, bytes}]`, or `[{name, error}]` for a member that
    /// cannot be read or is past a cap (zip bombs). What is skipped, the caps and the GBK names
    /// are those of `nianbao::decode::archive`, as on the command line.
    #[wasm_bindgen]
    pub fn unzip(bytes: &[u8]) -> Result<js_sys::Array, JsValue> {
        let members =
            nianbao::decode::archive::open(bytes).map_err(|e| js_error(&e.to_string()))?;
        let out = js_sys::Array::new();
        for m in members {
            out.push(&member_object(&m.name, m.content.as_deref().map_err(|e| e.to_string()))?);
        }
        Ok(out)
    }

    fn member_object(name: &str, content: Result<&[u8], String>) -> Result<JsValue, JsValue> {
        let obj = js_sys::Object::new();
        js_sys::Reflect::set(&obj, &"name".into(), &name.into())?;
        match content {
            Ok(bytes) => js_sys::Reflect::set(
                &obj,
                &"bytes".into(),
                &js_sys::Uint8Array::from(bytes).into(),
            )?,
            Err(message) => js_sys::Reflect::set(&obj, &"error".into(), &message.into())?,
        };
        Ok(obj.into())
    }
}
