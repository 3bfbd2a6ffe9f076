package seed

// Version changes whenever the sample data changes, so that test templates
// built from an older seed are not reused.
const Version = "2026-11-26.1"
