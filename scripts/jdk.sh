# Sourced by ./tokend and .ci/run: finds a JDK 21+ and exports JAVA_HOME.
#
# Order: $JAVA_HOME if it is a JDK 21+; else the `java` on PATH if it is 21+; else the newest JDK 21+
# under /usr/lib/jvm (where Debian and Temurin packages install). Otherwise a clear error.

tokend_java_major() { # <java executable> -> major version on stdout, or nothing
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || return 0
  v=${v%%[-+]*}
  case "$v" in
    1.*) v=${v#1.}; echo "${v%%.*}" ;;
    *) echo "${v%%.*}" ;;
  esac
}

tokend_read_version() { # <java home> -> sets TOKEND_JDK_VERSION (e.g. 25.0.3) and TOKEND_JDK_MAJOR, or empties them
  # The JDK's `release` file says it without starting a JVM (a `java -version` costs 30-60 ms,
  # more than a tenth of a CLI command), read with shell builtins only and no subshell (each fork
  # is a millisecond or two of every command); only a JDK without one is asked.
  local line v=""
  if [[ -r "$1/release" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" == JAVA_VERSION=* ]]; then
        v=${line#JAVA_VERSION=}
        v=${v//\"/}
        break
      fi
    done <"$1/release"
  fi
  if [[ -z "$v" && -x "$1/bin/java" ]]; then
    v=$("$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}') || true
  fi
  TOKEND_JDK_VERSION=$v
  v=${v%%[-+]*}
  case "$v" in
    "") TOKEND_JDK_MAJOR="" ;;
    1.*) v=${v#1.}; TOKEND_JDK_MAJOR=${v%%.*} ;;
    *) TOKEND_JDK_MAJOR=${v%%.*} ;;
  esac
}

tokend_is_jdk21() { # <java home> -> success if it holds java and javac of version 21+ (sets TOKEND_JDK_*)
  local home=$1
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
  tokend_read_version "$home"
  [[ -n "$TOKEND_JDK_MAJOR" && "$TOKEND_JDK_MAJOR" -ge 21 ]] 2>/dev/null
}

tokend_select_jdk() { # exports JAVA_HOME; sets TOKEND_JDK_VERSION and TOKEND_JDK_MAJOR for it
  if [[ -n "${JAVA_HOME:-}" ]] && tokend_is_jdk21 "$JAVA_HOME"; then
    export JAVA_HOME; return 0
  fi
  local java home candidate best="" best_major=0 major
  if java=$(command -v java 2>/dev/null); then
    home=$(dirname "$(dirname "$(readlink -f "$java")")")
    if tokend_is_jdk21 "$home"; then
      export JAVA_HOME=$home; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    [[ -d "$candidate" ]] || continue
    tokend_is_jdk21 "$candidate" || continue
    major=$TOKEND_JDK_MAJOR
    if [[ "$major" -gt "$best_major" ]]; then best=$candidate; best_major=$major; fi
  done
  if [[ -n "$best" ]]; then
    export JAVA_HOME=$best
    tokend_read_version "$best"
    return 0
  fi
  {
    echo "tokend needs a JDK 21 or newer (java and javac)."
    if [[ -n "${JAVA_HOME:-}" ]]; then
      echo "  JAVA_HOME=$JAVA_HOME is not one."
    fi
    if [[ -n "${java:-}" ]]; then
      echo "  'java' on PATH is version $(tokend_java_major "$java")."
    fi
    echo "Install one (e.g. Temurin 21 or 25, or 'apt-get install openjdk-21-jdk') and set JAVA_HOME to it."
  } >&2
  return 1
}
