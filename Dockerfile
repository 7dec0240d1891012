# syntax=docker/dockerfile:1
# Build: docker build -t runclub .
# Run:   docker run -d --name runclub -v runclub-data:/data \
#          -e RUNCLUB_TELEGRAM_TOKEN=... -e RUNCLUB_DISCORD_TOKEN=... runclub

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# cgo for the SQLite driver; the binary links glibc, so the runtime is Debian too.
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w" -o /out/runclub ./cmd/runclub

FROM debian:bookworm-slim
# CA certificates for the platforms' HTTPS APIs; tzdata for the operator's
# shell (the binary embeds its own zone data as well).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin runclub \
 && mkdir -p /data && chown runclub:runclub /data
COPY --from=build /out/runclub /usr/local/bin/runclub
USER runclub
WORKDIR /data
VOLUME ["/data"]
ENV RUNCLUB_DATABASE_DSN=/data/runclub.db \
    RUNCLUB_HTTP_ADDR=:8080 \
    RUNCLUB_LOG_FORMAT=json
EXPOSE 8080
# Tokens come from the environment (RUNCLUB_TELEGRAM_TOKEN, RUNCLUB_DISCORD_TOKEN)
# or from mounted files (RUNCLUB_TELEGRAM_TOKEN_FILE=/run/secrets/telegram).
ENTRYPOINT ["/usr/local/bin/runclub"]
CMD ["serve"]
