package storage

// ParseDate exposes parseDate to the tests of package storage_test.
var ParseDate = parseDate
