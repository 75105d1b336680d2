//! The async client for Partner Center customer onboarding. Not implemented yet.
