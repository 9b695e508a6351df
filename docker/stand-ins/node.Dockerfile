# The stand-in for node:22-bookworm-slim (scripts/stand-in-images.sh node): Debian bookworm with the
# Node.js, npm and corepack the script unpacked into usr/local/ of this build's context.
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
COPY usr/local/ /usr/local/
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node && \
    node --version && npm --version
# This machine's proxy re-signs TLS; the stand-in base trusts its authority (never the real images).
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
