//! One element of the app's page, as WebDriver knows it. Methods without `try_` panic with a
//! message that names the element; the `try_` ones return the error so waits can retry.

use serde_json::{json, Value};

use crate::webdriver::{element_id, element_json, WdResult};
use crate::App;

pub struct Element<'app> {
    pub(crate) app: &'app App,
    pub(crate) id: String,
    /// How the element was found, for error messages.
    pub(crate) found_by: String,
}

impl<'app> Element<'app> {
    fn path(&self, rest: &str) -> String {
        format!("/session/{}/element/{}{rest}", self.app.session_id(), self.id)
    }

    fn expect<T>(&self, what: &str, result: WdResult<T>) -> T {
        result.unwrap_or_else(|e| panic!("could not {what} the element found by {}: {e}", self.found_by))
    }

    /// The WebDriver reference, for passing the element to a script.
    pub fn as_json(&self) -> Value {
        element_json(&self.id)
    }

    pub fn try_click(&self) -> WdResult<()> {
        self.app.driver.post(&self.path("/click"), json!({})).map(drop)
    }

    pub fn click(&self) {
        let result = self.try_click();
        self.expect("click", result)
    }

    /// Two clicks in a row on the element with the mouse, as a person's double click.
    pub fn double_click(&self) {
        let origin = self.as_json();
        // Unlike a click, pointer actions do not scroll the element into view themselves.
        self.app.execute("arguments[0].scrollIntoView({ block: 'center' });", vec![origin.clone()]);
        let actions = json!([
            { "type": "pointerMove", "origin": origin, "x": 0, "y": 0 },
            { "type": "pointerDown", "button": 0 }, { "type": "pointerUp", "button": 0 },
            { "type": "pointerDown", "button": 0 }, { "type": "pointerUp", "button": 0 },
        ]);
        let path = format!("/session/{}/actions", self.app.session_id());
        let body = json!({ "actions": [{ "type": "pointer", "id": "mouse", "parameters": { "pointerType": "mouse" }, "actions": actions }] });
        let result = self.app.driver.post(&path, body).map(drop);
        self.expect("double-click", result)
    }

    /// Types into the element. Special keys are in [`crate::keys`].
    pub fn try_send_keys(&self, keys: &str) -> WdResult<()> {
        self.app.driver.post(&self.path("/value"), json!({ "text": keys })).map(drop)
    }

    pub fn send_keys(&self, keys: &str) {
        let result = self.try_send_keys(keys);
        self.expect("type into", result)
    }

    pub fn clear(&self) {
        let result = self.app.driver.post(&self.path("/clear"), json!({})).map(drop);
        self.expect("clear", result)
    }

    /// The rendered text, as a person sees it (WebDriver's "element text").
    pub fn try_text(&self) -> WdResult<String> {
        let value = self.app.driver.get(&self.path("/text"))?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    pub fn text(&self) -> String {
        let result = self.try_text();
        self.expect("read the text of", result)
    }

    /// An HTML attribute as written in the markup, or None when absent.
    pub fn attribute(&self, name: &str) -> Option<String> {
        let result = self.app.driver.get(&self.path(&format!("/attribute/{name}")));
        self.expect("read an attribute of", result).as_str().map(str::to_string)
    }

    /// A DOM property, e.g. `value` of an input (what is typed now, unlike the attribute).
    pub fn property(&self, name: &str) -> Value {
        let result = self.app.driver.get(&self.path(&format!("/property/{name}")));
        self.expect("read a property of", result)
    }

    /// The `value` property as text: what an input or select holds right now.
    pub fn value(&self) -> String {
        self.property("value").as_str().unwrap_or_default().to_string()
    }

    pub fn try_is_displayed(&self) -> WdResult<bool> {
        Ok(self.app.driver.get(&self.path("/displayed"))?.as_bool().unwrap_or(false))
    }

    pub fn is_enabled(&self) -> bool {
        let result = self.app.driver.get(&self.path("/enabled"));
        self.expect("check whether it is enabled:", result).as_bool().unwrap_or(false)
    }

    /// The first element inside this one that matches `css`, or None.
    pub fn find_now(&self, css: &str) -> Option<Element<'app>> {
        let found = self.app.driver.post(&self.path("/element"), json!({ "using": "css selector", "value": css }));
        let value = found.ok()?;
        Some(Element {
            app: self.app,
            id: element_id(&value).ok()?,
            found_by: format!("{css} inside {}", self.found_by),
        })
    }

    /// Every element inside this one that matches `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element<'app>> {
        let found = self.app.driver.post(&self.path("/elements"), json!({ "using": "css selector", "value": css }));
        let list = found.ok().and_then(|v| v.as_array().cloned()).unwrap_or_default();
        list.iter()
            .filter_map(|v| element_id(v).ok())
            .map(|id| Element { app: self.app, id, found_by: format!("{css} inside {}", self.found_by) })
            .collect()
    }
}

impl std::fmt::Debug for Element<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Element({})", self.found_by)
    }
}
