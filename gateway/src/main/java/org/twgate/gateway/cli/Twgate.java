package org.twgate.gateway.cli;

public final class Twgate {
    public static void main(String[] args) {
        System.out.println("twgate");
    }
}
