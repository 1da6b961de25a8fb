//! The checks across reports and the roll-up of the web page, loaded by the worker when the
//! first batch of reports has been analysed.
//!
//! Takes the reports' digests as the analyzer module made them (`nianbao::batch::Digest`, a
//! JSON array); gives the checks across reports (`nianbao::batch::compare`) and the roll-up of
//! their standard tables, and its workbook for the Excel writer on export (`nianbao::rollup`). No
//! analysis here.

#[cfg(target_arch = "wasm32")]
mod wasm {
    use serde::Serialize;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(start)]
    fn start() {
        console_error_panic_hook::set_once();
    }

    fn js_error(message: &str) -> JsValue {
        js_sys::Error::new(message).into()
    }

    fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
        value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| js_error(&format!("无法把结果交给页面：{e}")))
    }

    fn digests(json: &str) -> Result<Vec<nianbao::batch::Digest>, JsValue> {
        serde_json::from_str(json).map_err(|e| js_error(&format!("报告摘要格式不对：{e}")))
    }

    /// The checks across reports (`nianbao::batch::compare`): `digests_json` is a JSON array of
    /// the digests `analyze_*_for_page` gave; returns `{findings, agencies}` as JSON (one string
    /// crosses to JavaScript faster than a thousand agencies' objects).
    #[wasm_bindgen]
    pub fn compare(digests_json: &str) -> Result<String, JsValue> {
        json_of(&nianbao::batch::compare(&digests(digests_json)?))
    }

    /// The roll-up of the reports' standard tables (`nianbao::rollup::sum`), as JSON.
    #[wasm_bindgen]
    pub fn rollup(digests_json: &str) -> Result<String, JsValue> {
        json_of(&nianbao::rollup::sum(&digests(digests_json)?))
    }

    /// The roll-up's workbook for the Excel writer (`nianbao::rollup::workbook`), made only
    /// when it is exported (its 来源 sheet has a row per report per cell).
    #[wasm_bindgen]
    pub fn rollup_workbook(digests_json: &str) -> Result<JsValue, JsValue> {
        to_js(&nianbao::rollup::workbook(&nianbao::rollup::sum(&digests(digests_json)?)))
    }

    fn json_of<T: Serialize>(value: &T) -> Result<String, JsValue> {
        serde_json::to_string(value).map_err(|e| js_error(&format!("无法把结果交给页面：{e}")))
    }
}
