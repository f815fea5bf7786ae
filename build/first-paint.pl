#!/usr/bin/env perl
# Trunk post_build hook: the page paints its words before it fetches the module.
#
# Trunk's index.html starts fetching the app's JavaScript and its 800 KB .wasm while the
# HTML is still being parsed (modulepreload and preload links, and a static import). The
# first paint needs none of it: the header, tab bar and, on the overview, the opening words
# are in index.html and styled by its inline CSS. So the links go, and the module script
# waits for that first paint, then imports the glue and starts it (one round trip later
# than a preload would, ~0.1 s on a slow phone connection, for a first paint that never
# waits behind the module). A background tab, which paints nothing, starts at once.
#
# Same-origin files, so the dropped `integrity` of the modulepreloads protected against
# nothing a modified server could not also change in index.html itself.
use strict;
use warnings;

my $f = "$ENV{TRUNK_STAGING_DIR}/index.html";
open my $in, "<", $f or die "$f: $!";
my $h = do { local $/; <$in> };
close $in;

my $links = ($h =~ s/<link rel="(?:module)?preload"[^>]*>//g);
$links or die "first-paint.pl: no preload links found in $f (has Trunk's output changed?)";

my $import = ($h =~ s{import init, \* as bindings from '([^']+)';}{// After the first paint (build/first-paint.pl).
if (document.visibilityState !== "hidden") {
  await new Promise(painted => requestAnimationFrame(() => setTimeout(painted, 0)));
}
const bindings = await import('$1');
const init = bindings.default;});
$import == 1 or die "first-paint.pl: expected one module import in $f, found $import";

open my $out, ">", $f or die "$f: $!";
print $out $h;
close $out or die "$f: $!";
