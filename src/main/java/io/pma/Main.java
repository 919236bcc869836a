package io.pma;
public final class Main { public static void main(String[] a) {} }
