//! The templates shipped inside the binary. Each is one RON file under
//! `assets/templates/`; adding an official revision means adding a file here.

use std::sync::OnceLock;

use super::model::Template;

/// (file name, RON text) of every embedded template, newest first.
const SOURCES: &[(&str, &str)] = &[
    (
        "gk2021.ron",
        include_str!("../../assets/templates/gk2021.ron"),
    ),
    (
        "gk2019.ron",
        include_str!("../../assets/templates/gk2019.ron"),
    ),
    (
        "legacy-national.ron",
        include_str!("../../assets/templates/legacy-national.ron"),
    ),
    (
        "legacy-provincial.ron",
        include_str!("../../assets/templates/legacy-provincial.ron"),
    ),
];

/// A template file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("模板 {file} 无法读取 (template does not parse): {cause}")]
pub struct TemplateError {
    pub file: String,
    pub cause: String,
}

/// Parse one template from RON text.
pub fn parse_template(file: &str, text: &str) -> Result<Template, TemplateError> {
    ron::from_str(text).map_err(|e| TemplateError {
        file: file.to_string(),
        cause: e.to_string(),
    })
}

/// Every embedded template, newest first. The embedded files are checked by
/// the test suite, so a parse failure here is a build defect, not user input.
pub fn all() -> &'static [Template] {
    static ALL: OnceLock<Vec<Template>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(file, text)| parse_template(file, text).unwrap_or_else(|e| panic!("{e}")))
            .collect()
    })
}

/// The template with this id.
pub fn get(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}

/// The official (non-provincial) template in force for a report year.
pub fn current_for_year(year: u16) -> &'static Template {
    all()
        .iter()
        .filter(|t| t.id != "legacy-provincial")
        .find(|t| t.first_year <= year && t.last_year.is_none_or(|last| year <= last))
        .unwrap_or(&all()[0])
}
