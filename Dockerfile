# syntax=docker/dockerfile:1
# The lms in one image: the web app is built first and embedded into a static
# Go binary, which runs as a non-root user on a slim Debian.
#
#   docker build -t lms .
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://... lms

# 1. The web app (frontend/dist, embedded by frontend/embed.go).
FROM node:20 AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci
COPY frontend/ ./
RUN npm run build

# 2. The lms binary, without cgo so it needs no C library at run time.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /lms ./api/cmd/lms

# 3. Run time. A shell is kept so that compose can chain migrate, seed and serve.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 lms \
 && useradd --system --uid 10001 --gid lms --home-dir /var/lib/lms --create-home \
      --shell /usr/sbin/nologin lms \
 && install -d -o lms -g lms -m 0700 /var/lib/lms/data
COPY --from=build /lms /lms
WORKDIR /var/lib/lms
# LMS_DATA_DIR holds what the lms keeps between runs (the development JWT key);
# it exists in the image, owned by lms, so that a volume mounted there is too.
ENV LMS_ADDR=:8080 \
    LMS_DATA_DIR=/var/lib/lms/data
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/lms"]
CMD ["serve", "-migrate"]
