//! The Partner Center clouds and their endpoints.

use std::fmt;
use std::str::FromStr;

/// A Partner Center cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cloud {
    /// The public cloud.
    #[default]
    Public,
    /// Microsoft Cloud for US Government.
    UsGovernment,
    /// Partner Center operated by 21Vianet (China).
    China,
}

impl Cloud {
    /// Every cloud.
    pub const ALL: [Cloud; 3] = [Cloud::Public, Cloud::UsGovernment, Cloud::China];

    /// The API base URL, without a trailing slash.
    pub fn api_base_url(self) -> &'static str {
        match self {
            Cloud::Public | Cloud::UsGovernment => "https://api.partnercenter.microsoft.com",
            Cloud::China => "https://partner.partnercenterapi.microsoftonline.cn",
        }
    }

    /// The Microsoft Entra ID authority (token endpoint host), without a trailing slash.
    pub fn login_authority(self) -> &'static str {
        match self {
            Cloud::Public => "https://login.microsoftonline.com",
            Cloud::UsGovernment => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }

    /// The token audience: the v1 `resource`; the v2 scope is this followed by `/.default`.
    pub fn token_resource(self) -> &'static str {
        self.api_base_url()
    }

    /// The name used in configuration: `public`, `usgov`, `china`.
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Public => "public",
            Cloud::UsGovernment => "usgov",
            Cloud::China => "china",
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cloud name that is not `public`, `usgov` or `china`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCloud(String);

impl fmt::Display for UnknownCloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown cloud `{}`: use public, usgov or china", self.0)
    }
}

impl std::error::Error for UnknownCloud {}

impl FromStr for Cloud {
    type Err = UnknownCloud;

    /// Reads `public`, `usgov` (also `us-government`, `usgovernment`) or `china` (also
    /// `21vianet`), in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "public" | "global" => Ok(Cloud::Public),
            "usgov" | "us-government" | "usgovernment" => Ok(Cloud::UsGovernment),
            "china" | "21vianet" => Ok(Cloud::China),
            _ => Err(UnknownCloud(s.chars().take(32).collect())),
        }
    }
}
