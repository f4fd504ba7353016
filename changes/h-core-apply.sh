#!/usr/bin/env bash
# Applies etw-core's package moves (changes/h-core-moves.txt: "old.FQN new.FQN" lines) to the .java, .md and .xml
# files under DIR. Usage: changes/h-core-apply.sh DIR
# Only the fully qualified names are rewritten (imports, javadoc links): a file in the old package io.etw4j.core that
# used a moved type without an import needs the import added by hand. The method renames (Type#old -> Type#new lines)
# are rewritten where a text edit is safe (sharedEvents, EtwSession#events, session.events(), EventRecord.Builder;
# a file using EventRecordBuilder then needs its import); other events() calls
# and the simple name EtwSession.Builder are left to the compiler, which names each place.
set -euo pipefail
dir="${1:?usage: $0 DIR}"
moves="$(dirname "$0")/h-core-moves.txt"
script=$(mktemp)
trap 'rm -f "$script"' EXIT
grep -E '^io[a-zA-Z0-9_.]+ io[a-zA-Z0-9_.]+$' "$moves" | while read -r old new; do
    o=${old//./\\.}
    printf 's/\\b%s\\b/%s/g\n' "$o" "$new" >> "$script"
done
find "$dir" -type f \( -name '*.java' -o -name '*.md' -o -name '*.xml' \) -not -path '*/target/*' -not -path '*/.git/*' \
    -print0 | xargs -0 sed -i -E -f "$script"
# the renames a text edit can make safely; EtwSession.events() is named only where the receiver is plain
printf '%s\n' 's/\bsharedEvents\(/sharedRecords(/g' 's/EtwSession([#.])events\(\)/EtwSession\1records()/g' \
    's/\bsession\.events\(\)/session.records()/g' 's/\bEventRecord\.Builder\b/EventRecordBuilder/g' > "$script"
find "$dir" -type f \( -name '*.java' -o -name '*.md' \) -not -path '*/target/*' -not -path '*/.git/*' \
    -print0 | xargs -0 sed -i -E -f "$script"
# EtwSession.Builder by its simple name: listed for a hand edit (SessionBuilder, or the kind's own builder type)
find "$dir" -type f -name '*.java' -not -path '*/target/*' -print0 | xargs -0 grep -l 'EtwSession\.Builder' \
    | while read -r f; do echo "uses EtwSession.Builder (now SessionBuilder or a kind's builder): $f"; done || true
