// Start the NHS.UK frontend components (kept in a file so the CSP needs no inline script).
import { initAll } from '../nhsuk/nhsuk-frontend.min.js'

initAll()
