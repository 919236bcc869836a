# syntax=docker/dockerfile:1
# PMA in a container (docs/OPERATIONS.md, "Containers"): the release archive built in a JDK stage,
# run from a slim Debian by an unprivileged user. One container per data directory.
#   docker build -t pma .
#   docker run -d -p 3001:3001 -v pma-data:/var/lib/pma -e PMA_ADMIN_PASSWORD=... pma

FROM debian:12 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src/main src/main
COPY src/dist src/dist
# The Maven repository is a build cache, not a layer of the image.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -Pdist package -DskipTests \
 && mkdir /opt/pma \
 && tar -xzf target/pma-*-linux-x64.tar.gz -C /opt/pma --strip-components=1 \
 && /opt/pma/bin/pma-archive-classes
# (the class-data archive is bound to /opt/pma, where the next stage has it too)

FROM debian:12-slim
RUN useradd --system --uid 10001 --home-dir /var/lib/pma --shell /usr/sbin/nologin pma \
 && install -d -o pma -g pma -m 0700 /var/lib/pma
COPY --from=build /opt/pma /opt/pma
ENV PMA_STORAGE_DATA_DIR=/var/lib/pma
VOLUME /var/lib/pma
WORKDIR /var/lib/pma
USER 10001:10001
EXPOSE 3001
# Ready = database and broker work and an adapter is connected. No curl in the image: bash's
# /dev/tcp speaks HTTP/1.0 (which needs no Host header).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PMA_SERVER_PORT:-3001} && printf 'GET /health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM flushes pending entity changes; `docker stop -t 30` gives it the time.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/pma/bin/pma"]
