import { z } from 'zod';

// Extension pages run under a strict CSP (no eval). zod 4 would probe `new Function` to decide whether it
// may compile fast parsers; under our CSP that probe fails and is reported as a CSP violation. Jitless mode
// skips the probe and the compiled path. Import this module first in every entrypoint that uses zod.
z.config({ jitless: true });
