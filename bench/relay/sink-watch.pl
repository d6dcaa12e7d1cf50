#!/usr/bin/perl
# Reads the running counters that `smtp-sink -c` prints ("sess=N quit=N mesg=N", one record
# per CR, flushed after every "." the sink answers) and stamps the wall-clock moment the message
# count first reaches each milestone. This is how the benchmark knows, to the millisecond and
# without polling, when the sink has received every message of a trial.
#
# Usage: sink-watch.pl OUTFILE MILESTONE...   (stdin: smtp-sink -c output)
# OUTFILE gets "reached MILESTONE COUNT EPOCH_SECONDS" lines as milestones are passed, and
# "final COUNT EPOCH_SECONDS" when the sink's output ends (the sink was stopped), so the
# caller can tell "every message arrived" from "some arrived twice" from "some never did".
use strict;
use warnings;
use IO::Handle;
use Time::HiRes qw(time);

my ($out_path, @milestones) = @ARGV;
die "usage: sink-watch.pl OUTFILE MILESTONE...\n" unless defined $out_path && @milestones;
open(my $out, '>', $out_path) or die "sink-watch: cannot write $out_path: $!\n";
$out->autoflush(1);

@milestones = sort { $a <=> $b } @milestones;
my $count = 0;
local $/ = "\r";
while (my $record = <STDIN>) {
    next unless $record =~ /mesg=(\d+)/;
    $count = $1;
    while (@milestones && $count >= $milestones[0]) {
        printf $out "reached %d %d %.6f\n", shift(@milestones), $count, time();
    }
}
printf $out "final %d %.6f\n", $count, time();
