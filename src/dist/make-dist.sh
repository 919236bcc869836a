#!/usr/bin/env bash
# Builds target/pma-<version>-linux-x64.tar.gz; run by `./mvnw -Pdist package` after the jar
# (docs/OPERATIONS.md, "Install from the release archive"):
#   runtime/   a Java runtime cut to the modules the jar uses (jdeps, jlink): no JDK on the target
#   lib/       pma-backend.jar, libsqlitejdbc.so (SQLite's native library for x64 Linux)
#   bin/pma    the launcher: the jar's command line
#   bin/pma-archive-classes  writes lib/pma.jsa (AppCDS) where the archive is unpacked: Java 17
#              binds that archive to the jar's path, so it cannot be made here
#   systemd/   pma.service, a hardened unit
# Usage: make-dist.sh VERSION JAVA_HOME TARGET_DIR
set -euo pipefail
version=$1
java_home=$2
target=$3
here=$(cd "$(dirname "$0")" && pwd -P)
name="pma-$version-linux-x64"
stage="$target/dist/$name"

rm -rf "$target/dist" "$target/$name.tar.gz"
mkdir -p "$stage/lib" "$stage/systemd"
cp "$target/pma-backend.jar" "$stage/lib/"
# SQLite's native library, taken out of the jar once here: otherwise sqlite-jdbc copies it to the
# temporary directory at every start (~70 ms, and no start at all where /tmp is mounted noexec).
sqlite_native=org/sqlite/native/Linux/x86_64/libsqlitejdbc.so
(cd "$target/dist" && "$java_home/bin/jar" xf "$target/pma-backend.jar" "$sqlite_native")
mv "$target/dist/$sqlite_native" "$stage/lib/" && rm -r "$target/dist/org"
cp -r "$here/bin" "$stage/"
cp "$here/systemd/pma.service" "$stage/systemd/"

# The modules the jar's classes refer to, plus those loaded only as services, which jdeps cannot
# see: jdk.crypto.ec (TLS key exchange for wss://, mqtts://, PostgreSQL over TLS), jdk.localedata
# is left out (PMA formats nothing by locale).
modules=$("$java_home/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 -q \
  "$stage/lib/pma-backend.jar")
modules="$modules,jdk.crypto.ec"
echo "dist: jlink $modules"
# --generate-cds-archive gives the runtime its default class-data archive, the base of the
# application archive below.
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=2 --generate-cds-archive --output "$stage/runtime"

tar -C "$target/dist" --owner=0 --group=0 --numeric-owner -czf "$target/$name.tar.gz" "$name"
echo "dist: $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1))"
