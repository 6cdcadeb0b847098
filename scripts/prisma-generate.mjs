// Placeholder replaced by the db work; keeps `npm install` working.
