# Sourced by ./gale and ./mvnw: picks a JDK 21+ for Gale, or says exactly what is missing.
# Order: $JAVA_HOME, the java on PATH, then every JDK under /usr/lib/jvm (newest first).

gale_java_major() {  # JAVA_HOME -> major version, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit}'
}

gale_select_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do candidates+=("${home%/}"); done
  for home in "${candidates[@]}"; do
    major=$(gale_java_major "$home") || continue
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$home"
      return 0
    fi
  done
  echo "gale: no JDK 21 or newer found (looked at \$JAVA_HOME, the javac on PATH and /usr/lib/jvm/*)." >&2
  echo "gale: install one, e.g. 'apt-get install -y openjdk-21-jdk', or set JAVA_HOME to a JDK 21+." >&2
  return 1
}
