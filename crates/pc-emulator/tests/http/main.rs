//! Drives every endpoint of the emulator over HTTP with a plain reqwest client.

#![allow(clippy::unwrap_used)]

mod agreements;
mod auth;
mod binary;
mod common;
mod connections;
mod control;
mod customers;
mod documented;
mod faults;
mod memory;
mod qualifications;
mod received;
mod replay;
mod routes;
mod throttling;
mod wire;
