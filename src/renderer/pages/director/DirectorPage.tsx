export function DirectorPage() { return null; }
