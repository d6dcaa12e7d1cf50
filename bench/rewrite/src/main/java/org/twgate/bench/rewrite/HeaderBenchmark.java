package org.twgate.bench.rewrite;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.twgate.rewrite.header.HeaderRewrite;
import org.twgate.rewrite.header.HeaderRewriter;

/** Header blocks per second: a typical 30-line block, 6 recipients in To/Cc, 10,000 rules. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeaderBenchmark {
    static final String BLOCK = String.join("\r\n",
            "Return-Path: <peter@other.example>",
            "Received: from mx.company.com (mx.company.com [192.0.2.10])",
            "\tby tw.company.com (twgate) with ESMTP id 4F2A9C;",
            "\tSat, 21 Nov 2026 08:00:00 +0000",
            "Received: (qmail 12345 invoked from network); 21 Nov 2026 07:59:59 -0000",
            "Received: from unknown (HELO mail.other.example) (198.51.100.7)",
            "  by mx.company.com with SMTP; 21 Nov 2026 07:59:58 -0000",
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=other.example; s=s1;",
            "\th=from:to:cc:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;",
            "\tb=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR",
            "From: Peter Sender <peter@other.example>",
            "To: \"Smith, John\" <john@company.com>, =?UTF-8?B?TcOkcnRh?= <marta@company.com>,",
            " bob@company.com (Bob Jones), tw.anna@company.com",
            "Cc: Sales <sales@d3.example>, \"Mary O'Brien\" <mary@company.com>,",
            "\tOutside <someone@elsewhere.example>",
            "Subject: =?UTF-8?Q?Quarterly_report_=E2=80=93_draft?=",
            "Date: Sat, 21 Nov 2026 07:59:50 +0000",
            "Message-ID: <20261121075950.4F2A9C@mail.other.example>",
            "In-Reply-To: <20261120.1234@company.com>",
            "References: <20261119.1111@company.com> <20261120.1234@company.com>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"----=_Part_0_123456789.1700000000000\"",
            "X-Mailer: Teamware Office 5.3",
            "X-Priority: 3",
            "Disposition-Notification-To: peter@other.example",
            "Thread-Topic: Quarterly report",
            "Thread-Index: AdlVnZ0JHc1R4yBbQ0a7i2k8k9c2Tw==",
            "Accept-Language: en-US",
            "Content-Language: en-US",
            "X-Spam-Status: No, score=-1.0",
            "", "");

    private byte[] block;
    private HeaderRewriter rewriter;

    @Setup
    public void setUp() {
        block = BLOCK.getBytes(StandardCharsets.UTF_8);
        rewriter = HeaderRewriter.recipients(Rules.mixed()::rewrite);
    }

    @Benchmark
    public HeaderRewrite rewriteTypicalBlock() {
        return rewriter.rewrite(block);
    }
}
