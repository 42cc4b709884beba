//! The dashboard settings form, checked before anything is saved: the aging edges typed as
//! a list of days ("30, 60, 90, 180") and the collection period with its number of days.

use super::{CollectionPeriod, InsightSettings};
use crate::domain::aging::{AgingEdges, AgingEdgesError};

/// Longest trailing collection period the form accepts: ten years of days.
pub const MAX_TRAILING_DAYS: u32 = 3660;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// Edge number `position` (0-based) is not a whole number of days.
    EdgeNotANumber {
        position: usize,
        text: String,
    },
    Edges(AgingEdgesError),
    /// The trailing period's days are not a whole number in 1..=MAX_TRAILING_DAYS.
    TrailingDays {
        text: String,
    },
    UnknownPeriod {
        kind: String,
    },
}

/// Reads `30, 60, 90, 180` (separated by commas — ASCII, full-width or 、 — or spaces).
pub fn parse_edges(text: &str) -> Result<AgingEdges, FormError> {
    let separators = |c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace();
    let mut days = Vec::new();
    for (position, token) in text.split(separators).filter(|t| !t.is_empty()).enumerate() {
        match token.parse::<i64>() {
            Ok(d) => days.push(d),
            Err(_) => {
                return Err(FormError::EdgeNotANumber {
                    position,
                    text: token.to_owned(),
                })
            }
        }
    }
    AgingEdges::new(days).map_err(FormError::Edges)
}

/// The edges as the form shows them: `30, 60, 90, 180`.
pub fn edges_text(edges: &AgingEdges) -> String {
    let days: Vec<String> = edges.edges().iter().map(i64::to_string).collect();
    days.join(", ")
}

/// The `<select>` value of each period kind.
pub fn period_kind(p: CollectionPeriod) -> &'static str {
    match p {
        CollectionPeriod::MonthToDate => "month",
        CollectionPeriod::QuarterToDate => "quarter",
        CollectionPeriod::YearToDate => "year",
        CollectionPeriod::TrailingDays(_) => "trailing",
    }
}

/// The period from the form's kind and days (the days are read only for "trailing").
pub fn parse_period(kind: &str, days: &str) -> Result<CollectionPeriod, FormError> {
    match kind {
        "month" => Ok(CollectionPeriod::MonthToDate),
        "quarter" => Ok(CollectionPeriod::QuarterToDate),
        "year" => Ok(CollectionPeriod::YearToDate),
        "trailing" => match days.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_TRAILING_DAYS).contains(&n) => Ok(CollectionPeriod::TrailingDays(n)),
            _ => Err(FormError::TrailingDays {
                text: days.trim().to_owned(),
            }),
        },
        other => Err(FormError::UnknownPeriod {
            kind: other.to_owned(),
        }),
    }
}

/// `current` with the form's edges and period, or the first problem (then nothing changes).
pub fn apply(
    current: &InsightSettings,
    edges: &str,
    kind: &str,
    days: &str,
) -> Result<InsightSettings, FormError> {
    Ok(InsightSettings {
        aging_edges: parse_edges(edges)?,
        period: parse_period(kind, days)?,
        ..current.clone()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_parse_with_any_separator_and_round_trip() {
        let e = parse_edges(" 30, 60，90、180 ").unwrap();
        assert_eq!(e, AgingEdges::default());
        assert_eq!(edges_text(&e), "30, 60, 90, 180");
        assert_eq!(parse_edges("15 45").unwrap().edges(), &[15, 45]);
        assert_eq!(parse_edges("").unwrap().edges(), &[] as &[i64]);
    }

    #[test]
    fn bad_edges_are_refused_with_the_reason() {
        assert_eq!(
            parse_edges("30, 6o"),
            Err(FormError::EdgeNotANumber {
                position: 1,
                text: "6o".into()
            })
        );
        assert_eq!(
            parse_edges("30, 1.5"),
            Err(FormError::EdgeNotANumber {
                position: 1,
                text: "1.5".into()
            })
        );
        assert_eq!(
            parse_edges("0, 30"),
            Err(FormError::Edges(AgingEdgesError::NotPositive {
                position: 0,
                value: 0
            }))
        );
        assert_eq!(
            parse_edges("30, 60, 60"),
            Err(FormError::Edges(AgingEdgesError::NotIncreasing {
                position: 2,
                value: 60,
                previous: 60
            }))
        );
        assert!(parse_edges("60, 30").is_err());
    }

    #[test]
    fn periods_and_the_whole_form() {
        for p in [
            CollectionPeriod::MonthToDate,
            CollectionPeriod::QuarterToDate,
            CollectionPeriod::YearToDate,
            CollectionPeriod::TrailingDays(45),
        ] {
            assert_eq!(parse_period(period_kind(p), "45"), Ok(p));
        }
        assert_eq!(
            parse_period("month", "abc"),
            Ok(CollectionPeriod::MonthToDate)
        );
        for bad in ["0", "-3", "3661", "x", ""] {
            assert_eq!(
                parse_period("trailing", bad),
                Err(FormError::TrailingDays { text: bad.into() })
            );
        }
        assert!(parse_period("week", "").is_err());

        let current = InsightSettings {
            top_customers: 7,
            ..InsightSettings::default()
        };
        let s = apply(&current, "10, 20", "trailing", "30").unwrap();
        assert_eq!(s.aging_edges.edges(), &[10, 20]);
        assert_eq!(s.period, CollectionPeriod::TrailingDays(30));
        assert_eq!(s.top_customers, 7, "what the form does not show is kept");
        assert!(apply(&current, "20, 10", "month", "").is_err());
    }
}
