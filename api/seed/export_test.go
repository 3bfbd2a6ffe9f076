package seed

// Exports for the external tests in seed_test.

// ParseAgencies parses the embedded agency list.
func ParseAgencies() ([]agency, error) { return parseAgencies(agenciesCSV) }

// GeneratePeople makes the sample people for as.
func GeneratePeople(as []agency) []person { return generatePeople(as, peopleSeed) }
