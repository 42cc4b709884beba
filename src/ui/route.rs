//! Hash routes (`#/ledger`): the page works from any path prefix on any static host,
//! and a reload lands on the same page without server rewrites.

use super::i18n::Msg;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Route {
    #[default]
    Import,
    Ledger,
    Reminders,
    Rules,
    Dashboard,
    Credit,
    Approvals,
    Forecast,
    Settings,
    /// One customer's page (`#/customer?code=…`); reached from links, not the navigation.
    Customer,
    /// Statements of account (`#/statement?code=…&from=…&to=…`); reached from links.
    Statement,
}

impl Route {
    /// The navigation, in order.
    pub const NAV: [Route; 9] = [
        Route::Import,
        Route::Ledger,
        Route::Reminders,
        Route::Rules,
        Route::Dashboard,
        Route::Credit,
        Route::Approvals,
        Route::Forecast,
        Route::Settings,
    ];

    /// The path segment, also the suffix of the `nav-…` test hook.
    pub fn slug(self) -> &'static str {
        match self {
            Route::Import => "import",
            Route::Ledger => "ledger",
            Route::Reminders => "reminders",
            Route::Rules => "rules",
            Route::Dashboard => "dashboard",
            Route::Credit => "credit",
            Route::Approvals => "approvals",
            Route::Forecast => "forecast",
            Route::Settings => "settings",
            Route::Customer => "customer",
            Route::Statement => "statement",
        }
    }

    pub fn title(self) -> Msg {
        match self {
            Route::Import => Msg::NavImport,
            Route::Ledger => Msg::NavLedger,
            Route::Reminders => Msg::NavReminders,
            Route::Rules => Msg::NavRules,
            Route::Dashboard => Msg::NavDashboard,
            Route::Credit => Msg::NavCredit,
            Route::Approvals => Msg::NavApprovals,
            Route::Forecast => Msg::NavForecast,
            Route::Settings => Msg::NavSettings,
            Route::Customer => Msg::Customer,
            Route::Statement => Msg::StatementTitle,
        }
    }

    /// The `?…` part of a hash, where pages keep their parameters.
    pub fn query_of(hash: &str) -> &str {
        hash.split_once('?').map_or("", |(_, q)| q)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    /// Reads `location.hash`; anything unknown is the default page.
    pub fn from_hash(hash: &str) -> Route {
        let slug = hash.trim_start_matches('#').trim_start_matches('/');
        let slug = slug.split(['/', '?']).next().unwrap_or("");
        Route::NAV
            .into_iter()
            .chain([Route::Customer, Route::Statement])
            .find(|r| r.slug() == slug)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_round_trip() {
        for r in Route::NAV
            .into_iter()
            .chain([Route::Customer, Route::Statement])
        {
            assert_eq!(Route::from_hash(&r.href()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Import);
        assert_eq!(Route::from_hash("#/nowhere"), Route::Import);
        assert_eq!(Route::from_hash("#/ledger?customer=C001"), Route::Ledger);
    }
}
