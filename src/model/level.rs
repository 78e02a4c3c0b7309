//! Status levels, incident statuses and origins.

/// How bad things are. Ordered `Ok < Maintenance < Degraded < Partial < Major`; `Unknown` (no data)
/// sits apart and compares greater than everything only so that sorting is total — never treat
/// it as worse or better than a known level in figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Ok,
    Maintenance,
    Degraded,
    Partial,
    Major,
    Unknown,
}

impl Level {
    pub const KNOWN: [Level; 5] =
        [Level::Ok, Level::Maintenance, Level::Degraded, Level::Partial, Level::Major];

    /// The native format's name for the level.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Maintenance => "maintenance",
            Level::Degraded => "degraded",
            Level::Partial => "partial",
            Level::Major => "major",
            Level::Unknown => "unknown",
        }
    }

    /// A short human label ("Major outage").
    pub fn label(self) -> &'static str {
        match self {
            Level::Ok => "Operational",
            Level::Maintenance => "Maintenance",
            Level::Degraded => "Degraded performance",
            Level::Partial => "Partial outage",
            Level::Major => "Major outage",
            Level::Unknown => "No data",
        }
    }

    /// Parses a native level name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Level> {
        Some(match name {
            "ok" => Level::Ok,
            "maintenance" => Level::Maintenance,
            "degraded" => Level::Degraded,
            "partial" => Level::Partial,
            "major" => Level::Major,
            "unknown" => Level::Unknown,
            _ => return None,
        })
    }

    /// The worse of two known levels; `Unknown` yields to any known level.
    pub fn worst(self, other: Level) -> Level {
        match (self, other) {
            (Level::Unknown, x) | (x, Level::Unknown) => x,
            (a, b) => a.max(b),
        }
    }
}

/// Where an incident's cause lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The service's own operator.
    SelfOperated,
    /// A provider the service depends on (network, CDN, cloud suite).
    ThirdParty,
    /// The customer's own configuration or usage.
    Customer,
    Unknown,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::SelfOperated => "self",
            Origin::ThirdParty => "third_party",
            Origin::Customer => "customer",
            Origin::Unknown => "unknown",
        }
    }

    pub fn parse(name: &str) -> Option<Origin> {
        Some(match name {
            "self" => Origin::SelfOperated,
            "third_party" => Origin::ThirdParty,
            "customer" => Origin::Customer,
            "unknown" => Origin::Unknown,
            _ => return None,
        })
    }
}

/// The lifecycle state of an incident or of one of its updates.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IncidentStatus {
    Investigating,
    Identified,
    Mitigating,
    Monitoring,
    Resolved,
    /// A status this model has no name for, kept as the source wrote it.
    Other(String),
}

impl IncidentStatus {
    pub fn as_str(&self) -> &str {
        match self {
            IncidentStatus::Investigating => "investigating",
            IncidentStatus::Identified => "identified",
            IncidentStatus::Mitigating => "mitigating",
            IncidentStatus::Monitoring => "monitoring",
            IncidentStatus::Resolved => "resolved",
            IncidentStatus::Other(raw) => raw,
        }
    }

    pub fn parse(name: &str) -> IncidentStatus {
        match name {
            "investigating" => IncidentStatus::Investigating,
            "identified" => IncidentStatus::Identified,
            "mitigating" => IncidentStatus::Mitigating,
            "monitoring" => IncidentStatus::Monitoring,
            "resolved" => IncidentStatus::Resolved,
            other => IncidentStatus::Other(other.to_owned()),
        }
    }
}
