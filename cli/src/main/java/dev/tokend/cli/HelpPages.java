package dev.tokend.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The help pages of the client commands, rendered by picocli when the CLI is built (the
 * {@code exec-maven-plugin} runs {@link #main} after compiling) and kept in the jar, so that
 * {@code tokend --help} and {@code tokend tokens create --help} print without building a single
 * command: picocli's reflection over the command classes was most of what those runs took.
 *
 * <p>A page is used only when the command line is exactly command words followed by
 * {@code --help} or {@code -h} (or nothing at all, for {@code tokend}) and the launcher has said
 * whether to colour ({@code -Dpicocli.ansi=true|false}); everything else, {@code server --help}
 * among it (its defaults come from {@code TOKEND_*} variables), is rendered as it runs.
 * {@code HelpPagesTest} keeps every page equal to what picocli prints for it.
 */
final class HelpPages {
    /** Where the pages are, in the jar. */
    static final String DIRECTORY = "help/";
    private static final String INDEX = "index.txt";

    private HelpPages() {}

    /**
     * The page to print for {@code args}, or null when this run is not a plain help request or
     * there is no page for it.
     */
    static String find(String[] args, String ansi, String usageWidth) {
        if (usageWidth != null || !("true".equals(ansi) || "false".equals(ansi))) {
            return null;
        }
        int words = args.length;
        if (words > 0 && (args[words - 1].equals("--help") || args[words - 1].equals("-h"))) {
            words--;
        } else if (words != 0) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (args[i].isEmpty() || args[i].startsWith("-") || args[i].indexOf('\t') >= 0) {
                return null;
            }
            path.append(i == 0 ? "" : " ").append(args[i]);
        }
        String page = index().get(path.toString());
        return page == null ? null : read(page + ("true".equals(ansi) ? ".ansi.txt" : ".txt"));
    }

    /** Spelled command path (aliases included; "" for tokend itself) to page name. */
    private static Map<String, String> index() {
        String text = read(INDEX);
        Map<String, String> index = new LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int tab = line.indexOf('\t');
                if (tab >= 0) {
                    index.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return index;
    }

    private static String read(String name) {
        try (InputStream in = HelpPages.class.getResourceAsStream(DIRECTORY + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null; // rendered as it runs instead
        }
    }

    /** Renders every page into {@code args[0]} (the build's class output, under {@link #DIRECTORY}). */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        Files.createDirectories(directory);
        StringBuilder index = new StringBuilder();
        for (Page page : pages()) {
            Files.writeString(directory.resolve(page.name() + ".txt"), page.plain(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(page.name() + ".ansi.txt"), page.ansi(), StandardCharsets.UTF_8);
            for (String spelling : page.spellings()) {
                index.append(spelling).append('\t').append(page.name()).append('\n');
            }
        }
        Files.writeString(directory.resolve(INDEX), index.toString(), StandardCharsets.UTF_8);
    }

    /** A page: its file name, its command paths as they may be typed, and its two renderings. */
    record Page(String name, List<String> spellings, String plain, String ansi) {}

    /**
     * Every page: each visible client command of the whole tree (not {@code server}, not
     * {@code help}), rendered from the annotations (at build time the generated model may be an
     * earlier build's).
     */
    static List<Page> pages() {
        try (CliContext context = new CliContext(name -> null, null, new StringReader(""), InstantSource.system(),
                Path.of(System.getProperty("java.io.tmpdir")))) {
            List<Page> pages = new ArrayList<>();
            collect(Main.commandLine(context, CommandModel.ANNOTATIONS), List.of(""), "tokend", pages);
            return pages;
        }
    }

    private static void collect(CommandLine command, List<String> spellings, String name, List<Page> pages) {
        pages.add(new Page(name, spellings, command.getUsageMessage(CommandLine.Help.Ansi.OFF),
                command.getUsageMessage(CommandLine.Help.Ansi.ON)));
        // Each subcommand once, under its name; the map also holds it under every alias.
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        for (CommandLine sub : command.getSubcommands().values()) {
            String word = sub.getCommandName();
            if (seen.put(sub, Boolean.TRUE) != null || sub.getCommandSpec().usageMessage().hidden()
                    || word.equals("server") || word.equals("help")) {
                continue;
            }
            List<String> subSpellings = new ArrayList<>();
            for (String prefix : spellings) {
                for (String spelled : spelledAs(sub)) {
                    subSpellings.add(prefix.isEmpty() ? spelled : prefix + " " + spelled);
                }
            }
            collect(sub, subSpellings, name + "_" + word, pages);
        }
    }

    private static List<String> spelledAs(CommandLine command) {
        List<String> names = new ArrayList<>();
        names.add(command.getCommandName());
        names.addAll(List.of(command.getCommandSpec().aliases()));
        return names;
    }
}
