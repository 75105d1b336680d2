//! A local Partner Center for tests and demos. Not implemented yet.
