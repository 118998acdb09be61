#!/usr/bin/env bash
# install-data.sh - installs the real data dp4tl's tests, examples and benchmarks use.
#
# Usage: scripts/install-data.sh [--data-dir DIR] [--no-cjk]
#
#   --data-dir DIR  where the extracted target files go; default: $DP4TL_DATA if set,
#                   else ./data (relative to the current directory).
#   --no-cjk        skip the CJK font packages (about 280 MB).
#
# What it does (Debian/Ubuntu, as root; idempotent: anything already present is skipped):
#   1. apt-get update (only when something has to be installed or downloaded);
#   2. installs the glyph-source font packages (Latin/Greek/Cyrillic set and CJK set) and
#      dataset-fashion-mnist (-> /usr/share/datasets/fashion-mnist/*.gz);
#   3. fetches single files out of two Debian packages without installing them
#      (apt-get download + dpkg-deb --fsys-tarfile | tar -x):
#        DIR/digits.png      from opencv-doc (5,000 handwritten digits, a 100x50 grid of 20x20)
#        DIR/digits.csv.gz   from python3-sklearn (1,797 8x8 digits, values 0..16)
#   4. writes DIR/fonts.list: every font package with the font files it installed (dpkg -L),
#      so the glyph source enumerates faces from this stated list;
#   5. installs OpenBLAS (libopenblas0-pthread, safe to call from several threads), which k-means uses for its distance GEMM on
#      Java 22+ (docs/performance.md); without it k-means runs on the slower Java kernel.
# It prints one line per step saying what it did or skipped.
set -euo pipefail

LATIN_FONTS=(fonts-noto-core fonts-dejavu-core fonts-dejavu-extra fonts-liberation2
  fonts-urw-base35 fonts-texgyre fonts-freefont-ttf fonts-croscore fonts-cmu fonts-lmodern
  fonts-open-sans fonts-cantarell fonts-linuxlibertine fonts-ebgaramond fonts-hack fonts-go
  fonts-stix fonts-paratype fonts-sil-gentium fonts-sil-charis fonts-sil-andika
  fonts-dkg-handwriting fonts-breip fonts-femkeklaver fonts-rufscript)
CJK_FONTS=(fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-arphic-gkai00mp
  fonts-arphic-gbsn00lp fonts-arphic-bkai00mp fonts-arphic-bsmi00lp fonts-wqy-microhei
  fonts-wqy-zenhei fonts-ipafont-gothic fonts-ipafont-mincho fonts-ipaexfont-gothic
  fonts-ipaexfont-mincho fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho fonts-seto
  fonts-vlgothic fonts-motoya-l-cedar fonts-motoya-l-maruberi fonts-umeplus)
DATASETS=(dataset-fashion-mnist)
BLAS=(libopenblas0-pthread)

DATA_DIR="${DP4TL_DATA:-./data}"
WITH_CJK=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data-dir) DATA_DIR="${2:?--data-dir needs a directory}"; shift 2 ;;
    --data-dir=*) DATA_DIR="${1#*=}"; shift ;;
    --no-cjk) WITH_CJK=0; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "install-data.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

if [[ $(id -u) -ne 0 ]]; then
  echo "install-data.sh: must run as root (apt-get install); try: sudo $0 $*" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
UPDATED=0
apt_update_once() {
  if [[ $UPDATED -eq 0 ]]; then
    echo "apt-get update"
    apt-get update -qq
    UPDATED=1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

install_packages() {
  local label="$1"; shift
  local missing=()
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  if [[ ${#missing[@]} -eq 0 ]]; then
    echo "skip: $label packages already installed ($# packages)"
    return
  fi
  apt_update_once
  echo "install: $label: ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# extract_file PACKAGE PATH-IN-PACKAGE TARGET
extract_file() {
  local pkg="$1" member="$2" target="$3"
  if [[ -s "$target" ]]; then
    echo "skip: $target already present"
    return
  fi
  apt_update_once
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >/dev/null)
  local deb
  deb="$(ls "$tmp"/"${pkg}"_*.deb)"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "$member"
  mv "$tmp/$member" "$target.part"
  mv "$target.part" "$target"
  rm -rf "$tmp"
  echo "fetch: $target (from $(basename "$deb"))"
}

mkdir -p "$DATA_DIR"
install_packages "Latin font" "${LATIN_FONTS[@]}"
if [[ $WITH_CJK -eq 1 ]]; then
  install_packages "CJK font" "${CJK_FONTS[@]}"
else
  echo "skip: CJK font packages (--no-cjk)"
fi
install_packages "dataset" "${DATASETS[@]}"
install_packages "BLAS" "${BLAS[@]}"

extract_file opencv-doc ./usr/share/doc/opencv-doc/examples/data/digits.png "$DATA_DIR/digits.png"
extract_file python3-sklearn ./usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz \
  "$DATA_DIR/digits.csv.gz"

# fonts.list: "package<TAB>font file" for every installed font package of the stated lists.
list_tmp="$DATA_DIR/fonts.list.part"
: > "$list_tmp"
for p in "${LATIN_FONTS[@]}" "${CJK_FONTS[@]}"; do
  installed "$p" || continue
  dpkg -L "$p" | grep -E '\.(ttf|otf|ttc|TTF|OTF|TTC)$' | sort | while read -r f; do
    [[ -f "$f" && ! -L "$f" ]] && printf '%s\t%s\n' "$p" "$f"
  done >> "$list_tmp"
done
if [[ -f "$DATA_DIR/fonts.list" ]] && cmp -s "$list_tmp" "$DATA_DIR/fonts.list"; then
  rm "$list_tmp"
  echo "skip: $DATA_DIR/fonts.list unchanged ($(wc -l < "$DATA_DIR/fonts.list") font files)"
else
  mv "$list_tmp" "$DATA_DIR/fonts.list"
  echo "write: $DATA_DIR/fonts.list ($(wc -l < "$DATA_DIR/fonts.list") font files)"
fi
echo "done: data in $(cd "$DATA_DIR" && pwd)"
