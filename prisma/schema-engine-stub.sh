#!/bin/sh
echo "The native schema engine is not installed; run migrations with: npm run db:migrate" >&2
exit 1
