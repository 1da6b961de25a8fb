//! The Excel writer of the web page, loaded by the worker only when a workbook is exported.
//!
//! Takes a workbook the page laid out (`www/js/exports.js`: sheets of cells, merges, widths;
//! the shape is in `sheets.rs`); gives the bytes of an `.xlsx` file, written by
//! `rust_xlsxwriter`. No knowledge of reports here, only cells.

pub mod sheets;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(start)]
    fn start() {
        console_error_panic_hook::set_once();
    }

    /// Writes the workbook; errors are `Error`s with a Chinese message.
    #[wasm_bindgen]
    pub fn build_xlsx(workbook: JsValue) -> Result<Vec<u8>, JsValue> {
        let book: crate::sheets::Book = serde_wasm_bindgen::from_value(workbook)
            .map_err(|e| js_sys::Error::new(&format!("Excel 表格数据格式不对：{e}")))?;
        crate::sheets::write(&book)
            .map_err(|e| js_sys::Error::new(&format!("无法生成 Excel 文件：{e}")).into())
    }
}
