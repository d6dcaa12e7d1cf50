#!/usr/bin/perl
# Top frames of an async-profiler collapsed-stacks file ("frame;frame;... count" per line).
# Usage: top-frames.pl FILE MESSAGES INTERVAL-NS [HEADER-LINE]
# Prints: where the samples went by part of the work (first matching rule below wins), in percent
# and in ms of CPU per message (samples x interval / messages: the cpu and itimer events take one
# sample per INTERVAL of CPU time), then the 40 frames with most samples as leaf (self) and
# anywhere on the stack (total, counted once per stack).
use strict;
use warnings;

my ($file, $messages, $interval, $header) = @ARGV;
die "usage: top-frames.pl FILE MESSAGES INTERVAL-NS [HEADER]\n" unless defined $interval && $messages > 0;
my @parts = (
    ['JIT compilers (C1, C2)', qr/CompileBroker|C2Compiler|Compilation::|PhaseChaitin/],
    ['GC and VM operations', qr/GCTaskThread|VMThread::|DefNewGeneration|SerialHeap|G1|GenCollectedHeap/],
    ['spool (accept-side write, commit, fsync, remove)', qr/\/spool\//],
    ['logging (appender thread)', qr/AsyncAppender|logback/],
    ['deliver (queue, route, SMTP client)', qr/DeliveryQueue|RouteCourier|SmtpTransport|\/deliver\//],
    ['accept (Netty, James, framer, hooks)', qr/NioEventLoop|SmtpFramer|james|\/accept\//],
    ['other', qr/./],
);
my (%self, %total, %part, $all);
open my $in, '<', $file or die "$file: $!\n";
while (<$in>) {
    chomp;
    my ($stack, $n) = /^(.*) (\d+)$/ or next;
    my @f = split /;/, $stack;
    $all += $n;
    $self{$f[-1]} += $n;
    my %seen;
    $total{$_} += $n for grep { !$seen{$_}++ } @f;
    for my $p (@parts) {
        if ($stack =~ $p->[1]) { $part{$p->[0]} += $n; last; }
    }
}
die "$file: no samples\n" unless $all;
print "$header\n\n" if defined $header;
my $ms = sub { $_[0] * $interval / 1e6 / $messages };
printf "== by part of the work: percent of %d samples, ms CPU per message\n", $all;
printf "%6.2f%% %7.3f  %s\n", 100 * ($part{$_->[0]} // 0) / $all, $ms->($part{$_->[0]} // 0), $_->[0] for @parts;
printf "%6.2f%% %7.3f  all but the JIT compilers\n\n", 100 * ($all - ($part{$parts[0][0]} // 0)) / $all,
    $ms->($all - ($part{$parts[0][0]} // 0));
for my $k (['self', \%self], ['total', \%total]) {
    my ($name, $h) = @$k;
    print "== top 40 frames by $name samples: percent of all samples, samples\n";
    my @top = grep { defined } (sort { $h->{$b} <=> $h->{$a} } keys %$h)[0 .. 39];
    printf "%6.2f%% %8d  %s\n", 100 * $h->{$_} / $all, $h->{$_}, $_ for @top;
    print "\n";
}
