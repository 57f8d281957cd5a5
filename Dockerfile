# The image examples/scheduling/kubernetes-cronjob.yaml runs: relmap's static binary alone, on
# nothing (FROM scratch: no shell, no libc, no package manager), as a non-root user. relmap needs
# nothing else: the fonts and the zone database are in the binary, and it makes no network
# requests.
#   docker build -t relmap .              # or: podman build -t relmap .
#   docker run --rm -v "$PWD/out:/data" relmap demo --out /data    # /data writable by 65532
# GO_IMAGE names the build stage's Go toolchain: any image with go on PATH will do, as the
# build stage runs no shell (.ci/run builds it with the host's Go, for want of Docker Hub).
ARG GO_IMAGE=golang:1.26
FROM ${GO_IMAGE} AS build
ENV CGO_ENABLED=0
WORKDIR /src
COPY go.mod go.sum ./
RUN ["go", "mod", "download"]
COPY . .
RUN ["go", "build", "-trimpath", "-ldflags=-s -w", "-o", "/relmap", "./cmd/relmap"]

FROM scratch
COPY --from=build /relmap /relmap
USER 65532:65532
ENTRYPOINT ["/relmap"]
