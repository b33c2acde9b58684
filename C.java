public class C { public static void main(String[] a) throws Exception { Thread.sleep(5000);} }
