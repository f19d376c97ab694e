# connectorlint: a static binary on an empty image.
#
# Stages: build (Go, static, -trimpath) → cli (scratch, CA certificates, non-root user 65532) →
# action (the default target, used by action.yml). GitHub runs Docker actions as the image's user and
# documents that they "must be run by the default Docker user (root)": a non-root user cannot write
# GITHUB_OUTPUT, GITHUB_STEP_SUMMARY or the workspace (files owned by the runner's uid). So the action
# target switches back to root; `docker build --target cli` gives the non-root image for other use.
# Dockerfile.prebuilt has the same final stages for a binary built outside Docker.

ARG GO_VERSION=1.26
FROM golang:${GO_VERSION} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/connectorlint/connectorlint/reporter.ToolVersion=${VERSION}" -o /out/connectorlint . \
 && mkdir -p /out/tmp && chmod 1777 /out/tmp

FROM scratch AS cli
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/tmp /tmp
COPY --from=build /out/connectorlint /connectorlint
USER 65532:65532
ENTRYPOINT ["/connectorlint"]

FROM cli AS action
USER 0:0
