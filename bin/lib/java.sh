# Sourced by the launchers and scripts: sets JAVA to a JDK/JRE of release 21 or newer.
# Order: $JAVA_HOME, the Temurin JDK this project's machines ship, any other JDK under
# /usr/lib/jvm, then `java` on PATH.
java_release() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_java() {
  local candidate release
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
      /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    release=$(java_release "$candidate")
    if [ -n "$release" ] && [ "${release%%.*}" -ge 21 ]; then
      JAVA=$candidate
      return 0
    fi
  done
  echo "error: no Java 21 or newer found; install one (apt-get install openjdk-21-jre-headless, or set JAVA_HOME)" >&2
  return 1
}
