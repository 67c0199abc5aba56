package dev.tokend.cli;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.Spec;

/**
 * Writes {@code GeneratedCommandModel}, Java code that builds the client commands' picocli model
 * with picocli's programmatic API: the same commands, options, texts and bindings that picocli
 * reads from their annotations, but without reading them. Annotations cost a CLI run most of its
 * command-building time (each annotation type is a dynamic proxy class generated at run time, and
 * each reflective field access spins method handles), which no start-up cache keeps.
 *
 * <p>The build runs {@link #main} after compiling (exec-maven-plugin) and compiles the result in a
 * second pass (cli/pom.xml). The annotations stay the one source of truth: this reads the model
 * picocli builds from them, property by property, and writes each property that differs from what
 * the programmatic API gives by default. A property it cannot write stops the build, so a new kind
 * of annotation attribute is never dropped silently. {@code CommandModelTest} checks that both
 * models print the same help, complete the same way and hold the same properties.
 */
final class CommandModelGenerator {
    /** The generated class, in this package. */
    static final String CLASS_NAME = "GeneratedCommandModel";

    /** Properties set by other means (the builder's arguments, the generated bindings) or derived. */
    private static final Set<String> ARG_PROPERTIES_NOT_COPIED = Set.of("names", "type", "auxiliaryTypes", "getter",
            "setter", "scope", "typeInfo", "userObject", "initialValue", "hasInitialValue", "toString",
            "annotatedElement", "inherited", "root", "group", "command", "index");
    private static final Set<String> USAGE_PROPERTIES_NOT_COPIED = Set.of("messages", "width", "sectionMap",
            "sectionKeys", "helpFactory", "adjustLineBreaksForWideCJKCharacters");
    /**
     * Set by {@link #header} or the generated code, derived, or (interpolation) switched off only
     * for reading. The negatable-option transformer is an object each spec makes its own of:
     * {@link #commandProperties} refuses any but picocli's own.
     */
    private static final Set<String> COMMAND_PROPERTIES_NOT_COPIED = Set.of("name", "aliases", "userObject",
            "commandLine", "parent", "root", "usageMessage", "parser", "version", "versionProvider",
            "mixinStandardHelpOptions", "interpolateVariables", "qualifiedName", "inherited",
            "negatableOptionTransformer", "addMethodSubcommands");

    /** The generated method's name for each command: its class, or its Java method for a command method. */
    private final Map<Object, String> methods = new LinkedHashMap<>();

    private CommandModelGenerator() {}

    /** Writes the generated source under {@code args[0]} (a source root). */
    public static void main(String[] args) throws IOException {
        String source = generate(Main.commandLine(CliContext.system(), CommandModel.ANNOTATIONS));
        Path file = Path.of(args[0], "dev", "tokend", "cli", CLASS_NAME + ".java");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
            Files.writeString(file, source, StandardCharsets.UTF_8);
        }
    }

    /** The source of the generated class for the tree {@code root} (the annotation-built one). */
    static String generate(CommandLine root) {
        CommandModelGenerator generator = new CommandModelGenerator();
        disableInterpolation(root); // properties are written as declared; picocli interpolates them at run time
        return generator.source(root);
    }

    private static void disableInterpolation(CommandLine commandLine) {
        commandLine.getCommandSpec().interpolateVariables(false);
        commandLine.getSubcommands().values().forEach(CommandModelGenerator::disableInterpolation);
    }

    private String source(CommandLine root) {
        Map<Object, CommandSpec> specs = new LinkedHashMap<>();
        collect(root, specs);
        StringBuilder body = new StringBuilder();
        for (Map.Entry<Object, CommandSpec> entry : specs.entrySet()) {
            body.append(entry.getKey() instanceof Method method ? commandMethod(method, entry.getValue())
                    : command((Class<?>) entry.getKey(), entry.getValue()));
        }
        StringBuilder lookup = new StringBuilder();
        for (CommandLine top : distinct(root.getSubcommands().values())) {
            Class<?> type = top.getCommandSpec().userObject().getClass();
            if (methods.containsKey(type)) {
                lookup.append("        if (type == ").append(sourceName(type)).append(".class) {\n")
                        .append("            return ").append(methods.get(type)).append("(context, factory);\n")
                        .append("        }\n");
            }
        }
        return new StringBuilder("package dev.tokend.cli;\n\n")
                .append("import picocli.CommandLine;\n")
                .append("import picocli.CommandLine.IFactory;\n")
                .append("import picocli.CommandLine.ITypeConverter;\n")
                .append("import picocli.CommandLine.Model.CommandSpec;\n")
                .append("import picocli.CommandLine.Model.IGetter;\n")
                .append("import picocli.CommandLine.Model.ISetter;\n")
                .append("import picocli.CommandLine.Model.OptionSpec;\n")
                .append("import picocli.CommandLine.Model.PositionalParamSpec;\n\n")
                .append("/** Generated by CommandModelGenerator from the commands' picocli annotations when the CLI is built. */\n")
                .append("@SuppressWarnings({\"unchecked\", \"rawtypes\"})\n")
                .append("final class ").append(CLASS_NAME).append(" implements CommandModel {\n")
                .append("    @Override\n")
                .append("    public CommandLine root(Main main, CliContext context, IFactory factory) {\n")
                .append("        return ").append(methods.get(Main.class)).append("With(main, context, factory);\n")
                .append("    }\n\n")
                .append("    @Override\n")
                .append("    public CommandLine command(Class<?> type, CliContext context, IFactory factory) {\n")
                .append(lookup)
                .append("        return null;\n")
                .append("    }\n\n")
                .append("    private static CommandSpec standardHelpOptions() {\n")
                .append(standardHelpOptions())
                .append("    }\n")
                .append(body)
                .append("\n    /** Holds a value that no command field holds: a standard help option's, a command method's argument. */\n")
                .append("    private static final class Value implements IGetter, ISetter {\n")
                .append("        private Object value;\n\n")
                .append("        Value(Object initial) {\n            this.value = initial;\n        }\n\n")
                .append("        @Override\n        public <T> T get() {\n            return (T) value;\n        }\n\n")
                .append("        @Override\n        public <T> T set(T newValue) {\n            T old = (T) value;\n")
                .append("            value = newValue;\n            return old;\n        }\n    }\n")
                .append("}\n").toString();
    }

    /** Every command class of the tree once, but for the server and picocli's help command (built from annotations). */
    private void collect(CommandLine commandLine, Map<Object, CommandSpec> specs) {
        CommandSpec spec = commandLine.getCommandSpec();
        if (spec.userObject() instanceof Method method) {
            specs.put(method, spec);
            methods.put(method, "command" + methods.size());
            return;
        }
        Class<?> type = spec.userObject().getClass();
        if (type == ServerCommand.class || type == CommandLine.HelpCommand.class || specs.containsKey(type)) {
            return;
        }
        specs.put(type, spec);
        methods.put(type, "command" + methods.size());
        for (CommandLine sub : distinct(spec.subcommands().values())) {
            collect(sub, specs);
        }
    }

    private static List<CommandLine> distinct(Collection<CommandLine> commandLines) {
        Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
        List<CommandLine> result = new ArrayList<>();
        for (CommandLine commandLine : commandLines) {
            if (seen.put(commandLine, Boolean.TRUE) == null) {
                result.add(commandLine);
            }
        }
        return result;
    }

    private String command(Class<?> type, CommandSpec spec) {
        String name = methods.get(type);
        String typeName = sourceName(type);
        StringBuilder code = new StringBuilder();
        boolean isRoot = type == Main.class;
        code.append("\n    /** {@code ").append(spec.qualifiedName()).append("}. */\n");
        if (isRoot) {
            code.append("    private static CommandLine ").append(name)
                    .append("With(Main command, CliContext context, IFactory factory) {\n");
        } else {
            code.append("    private static CommandLine ").append(name).append("(CliContext context, IFactory factory) {\n")
                    .append("        ").append(typeName).append(" command = ").append(instance(type)).append(";\n");
        }
        code.append(header(spec));
        List<Member> members = new ArrayList<>();
        code.append(arguments(spec, arg -> {
            Member member = member(type, arg);
            members.add(member);
            int index = members.size() - 1;
            return new Bound("b" + index, declaration(name, index),
                    member.method() ? null : "command." + member.name());
        }));
        for (Field field : specFields(type)) {
            code.append("        command.").append(field.getName()).append(" = spec;\n");
        }
        code.append("        CommandLine commandLine = new CommandLine(spec, factory);\n");
        for (CommandLine sub : isRoot ? List.<CommandLine>of() : distinct(spec.subcommands().values())) {
            if (sub.getCommandSpec().userObject() instanceof Method method) {
                code.append("        commandLine.addSubcommand(").append(methods.get(method)).append("(command, factory));\n");
                continue;
            }
            Class<?> subType = sub.getCommandSpec().userObject().getClass();
            if (!methods.containsKey(subType)) {
                throw new IllegalStateException(spec.qualifiedName() + ": subcommand " + subType + " is not generated");
            }
            code.append("        commandLine.addSubcommand(").append(methods.get(subType)).append("(context, factory));\n");
        }
        code.append("        return commandLine;\n    }\n");
        if (!members.isEmpty()) {
            code.append(binding(name, typeName, members));
        }
        return code.toString();
    }

    /** The spec of {@code command}: its name, aliases, version provider and the properties that differ from the defaults. */
    private String header(CommandSpec spec) {
        StringBuilder code = new StringBuilder("        CommandSpec spec = CommandSpec.wrapWithoutInspection(command, factory);\n")
                .append("        spec.name(").append(literal(spec.name())).append(");\n");
        if (spec.aliases().length > 0) {
            code.append("        spec.aliases(").append(literal(spec.aliases())).append(");\n");
        }
        if (spec.versionProvider() != null) {
            code.append("        spec.versionProvider(").append(instance(spec.versionProvider().getClass())).append(");\n");
        }
        return code.append(commandProperties(spec)).append(usageProperties(spec.usageMessage())).toString();
    }

    /** How one option or parameter is bound: the variable, its declaration and its initial value (null: none). */
    private record Bound(String variable, String declaration, String initial) {}

    /** Adds the options, parameters and help mixin of {@code spec}, in the order picocli added them. */
    private String arguments(CommandSpec spec, java.util.function.Function<ArgSpec, Bound> binder) {
        StringBuilder code = new StringBuilder();
        boolean helpAdded = false;
        CommandSpec help = spec.mixins().get("mixinStandardHelpOptions");
        if (spec.mixins().size() > (help == null ? 0 : 1)) {
            throw new IllegalStateException(spec.qualifiedName() + ": mixins other than the standard help options");
        }
        for (ArgSpec arg : spec.args()) {
            if (arg.inherited()) {
                continue; // picocli copies it in from the parent command when the command is added there
            }
            if (help != null && arg instanceof OptionSpec && help.options().contains(arg)) {
                if (!helpAdded) {
                    code.append("        spec.addMixin(\"mixinStandardHelpOptions\", standardHelpOptions());\n");
                    helpAdded = true;
                }
                continue;
            }
            Bound bound = binder.apply(arg);
            code.append(bound.declaration());
            if (arg instanceof OptionSpec option) {
                code.append("        spec.addOption(OptionSpec.builder(").append(literal(option.names())).append(")")
                        .append(argument(option, OptionSpec.builder(option.names()).type(option.type())
                                .auxiliaryTypes(option.auxiliaryTypes()).build(), OptionSpec.Builder.class,
                                bound.variable(), bound.initial()))
                        .append(".build());\n");
            } else {
                PositionalParamSpec positional = (PositionalParamSpec) arg;
                code.append("        spec.addPositional(PositionalParamSpec.builder()")
                        .append(".index(").append(literal(positional.index().originalValue() != null
                                ? positional.index().originalValue() : positional.index().toString())).append(")")
                        .append(argument(positional, PositionalParamSpec.builder().type(positional.type())
                                .auxiliaryTypes(positional.auxiliaryTypes()).build(), PositionalParamSpec.Builder.class,
                                bound.variable(), bound.initial()))
                        .append(".build());\n");
            }
        }
        if (help != null && !helpAdded) {
            code.append("        spec.addMixin(\"mixinStandardHelpOptions\", standardHelpOptions());\n");
        }
        return code.toString();
    }

    /**
     * A command method (a subcommand declared as a method of its parent command's class): a command
     * object that calls it on the parent command with the parsed values, in parameter order.
     */
    private String commandMethod(Method method, CommandSpec spec) {
        requireAccessible(method);
        String name = methods.get(method);
        String parentType = sourceName(method.getDeclaringClass());
        StringBuilder code = new StringBuilder();
        code.append("\n    /** {@code ").append(spec.qualifiedName()).append("}, the method {@code ")
                .append(method.getName()).append("}. */\n")
                .append("    private static CommandLine ").append(name).append("(").append(parentType)
                .append(" parent, IFactory factory) {\n");
        List<String> values = new ArrayList<>();
        StringBuilder arguments = new StringBuilder();
        String body = arguments(spec, arg -> {
            String variable = "v" + values.size();
            values.add(variable);
            String initial = arg.hasInitialValue() ? value(arg + ".initialValue", arg.initialValue()) : null;
            return new Bound(variable, "        Value " + variable + " = new Value(" + (initial == null ? "null" : initial)
                    + ");\n", initial == null ? null : variable + ".get()");
        });
        Type[] parameters = method.getGenericParameterTypes();
        if (parameters.length != values.size()) {
            throw new IllegalStateException(method + ": " + values.size() + " options and parameters for "
                    + parameters.length + " method parameters");
        }
        for (int i = 0; i < parameters.length; i++) {
            arguments.append(i == 0 ? "" : ", ").append("(").append(boxedSourceName(parameters[i])).append(") ")
                    .append(values.get(i)).append(".get()");
        }
        // The values first, then the command that reads them, then the spec with the options that set them.
        StringBuilder rest = new StringBuilder();
        for (String line : body.split("\n")) {
            (line.startsWith("        Value ") ? code : rest).append(line).append('\n');
        }
        String call = "parent." + method.getName() + "(" + arguments + ")";
        if (method.getReturnType() == int.class || method.getReturnType() == Integer.class) {
            code.append("        java.util.concurrent.Callable<Integer> command = () -> ").append(call).append(";\n");
        } else if (method.getReturnType() == void.class) {
            code.append("        Runnable command = () -> ").append(call).append(";\n");
        } else {
            throw new IllegalStateException(method + " returns " + method.getReturnType() + ", not int or void");
        }
        code.append(header(spec)).append(rest);
        if (!spec.subcommands().isEmpty()) {
            throw new IllegalStateException(spec.qualifiedName() + ": a command method with subcommands");
        }
        return code.append("        return new CommandLine(spec, factory);\n    }\n").toString();
    }

    private static String declaration(String name, int index) {
        return "        Binding" + name + " b" + index + " = new Binding" + name + "(command, " + index + ");\n";
    }

    /** {@code new T(context)} or {@code new T()}, whichever constructor the class has. */
    private static String instance(Class<?> type) {
        for (var constructor : type.getDeclaredConstructors()) {
            if (Modifier.isPrivate(constructor.getModifiers())) {
                continue;
            }
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == CliContext.class) {
                return "new " + sourceName(type) + "(context)";
            }
        }
        for (var constructor : type.getDeclaredConstructors()) {
            if (!Modifier.isPrivate(constructor.getModifiers()) && constructor.getParameterCount() == 0) {
                return "new " + sourceName(type) + "()";
            }
        }
        throw new IllegalStateException(type + " has neither a (CliContext) nor a no-argument constructor");
    }

    private static List<Field> specFields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(Spec.class)) {
                    requireAccessible(field);
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static void requireAccessible(java.lang.reflect.Member member) {
        if (Modifier.isPrivate(member.getModifiers())) {
            throw new IllegalStateException(member + " is private: the generated model cannot reach it");
        }
    }

    /** The field or method an option or positional parameter is bound to. */
    private static Member member(Class<?> type, ArgSpec arg) {
        Object element = arg.userObject();
        if (element instanceof Field field) {
            requireAccessible(field);
            return new Member(field.getName(), field.getGenericType(), false);
        }
        if (element instanceof Method method && method.getParameterCount() == 1) {
            requireAccessible(method);
            return new Member(method.getName(), method.getGenericParameterTypes()[0], true);
        }
        throw new IllegalStateException(type + ": " + arg + " is bound to " + element + ", not a field or a setter method");
    }

    /** The builder calls for every property of {@code arg} that differs from {@code baseline}'s (same type, defaults). */
    private String argument(ArgSpec arg, ArgSpec baseline, Class<?> builder, String binding, String initial) {
        StringBuilder code = new StringBuilder();
        code.append(".type(").append(classLiteral(arg.type())).append(")");
        Class<?>[] auxiliary = arg.auxiliaryTypes();
        code.append(".auxiliaryTypes(new Class<?>[] {");
        for (int i = 0; i < auxiliary.length; i++) {
            code.append(i == 0 ? "" : ", ").append(classLiteral(auxiliary[i]));
        }
        code.append("})");
        for (Method getter : getters(arg)) {
            String property = getter.getName();
            if (getter.getParameterCount() != 0 || ARG_PROPERTIES_NOT_COPIED.contains(property)
                    || getter.getDeclaringClass() == Object.class || setter(builder, property) == null) {
                continue;
            }
            Object value = invoke(getter, arg);
            Object base = invoke(getter, baseline);
            // Range's equality ignores whether the arity was given or inferred, which help shows.
            boolean differs = value instanceof Range range && base instanceof Range baseRange
                    ? !range.toString().equals(baseRange.toString()) || range.isUnspecified() != baseRange.isUnspecified()
                    : !Objects.deepEquals(value, base);
            if (differs) {
                code.append('.').append(property).append('(').append(value(arg + "." + property, value)).append(')');
            }
        }
        code.append(".getter(").append(binding).append(").setter(").append(binding).append(")");
        code.append(initial == null ? ".hasInitialValue(false)" : ".hasInitialValue(true).initialValue(" + initial + ")");
        return code.toString();
    }

    /** The public methods of {@code target}'s class by name: the same generated code from one build to the next. */
    private static List<Method> getters(Object target) {
        List<Method> methods = new ArrayList<>(List.of(target.getClass().getMethods()));
        methods.sort(java.util.Comparator.comparing(Method::getName).thenComparing(Method::getParameterCount));
        return methods;
    }

    private static Method setter(Class<?> type, String property) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(property) && method.getParameterCount() == 1) {
                return method;
            }
        }
        return null;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    private String commandProperties(CommandSpec spec) {
        if (spec.negatableOptionTransformer().getClass() != CommandSpec.create().negatableOptionTransformer().getClass()) {
            throw new IllegalStateException(spec.qualifiedName() + ": cannot write its negatable option transformer");
        }
        // The one property whose setter is not named after its getter (false for command methods).
        String addMethodSubcommands = spec.isAddMethodSubcommands() == CommandSpec.create().isAddMethodSubcommands() ? ""
                : "        spec.setAddMethodSubcommands(" + spec.isAddMethodSubcommands() + ");\n";
        return addMethodSubcommands + copied(spec, CommandSpec.create(), COMMAND_PROPERTIES_NOT_COPIED, "spec",
                Set.of("options", "positionalParameters", "mixins", "mixinAnnotatedElements", "subcommands",
                        "argGroups", "requiredArgs", "args", "optionsMap", "posixOptionsMap", "negatedOptionsMap",
                        "unmatchedArgsBindings", "specElements", "mixinNames", "findOption"));
    }

    private String usageProperties(UsageMessageSpec usage) {
        return copied(usage, CommandSpec.create().usageMessage(), USAGE_PROPERTIES_NOT_COPIED, "spec.usageMessage()",
                Set.of());
    }

    /** One statement per property of {@code value} that differs from {@code base} and can be set. */
    private String copied(Object value, Object base, Set<String> notCopied, String target, Set<String> structural) {
        StringBuilder code = new StringBuilder();
        for (Method getter : getters(value)) {
            String property = getter.getName();
            if (getter.getParameterCount() != 0 || notCopied.contains(property) || structural.contains(property)
                    || getter.getDeclaringClass() == Object.class || setter(value.getClass(), property) == null) {
                continue;
            }
            Object actual = invoke(getter, value);
            if (!Objects.deepEquals(actual, invoke(getter, base))) {
                code.append("        ").append(target).append('.').append(property).append('(')
                        .append(value(target + "." + property, actual)).append(");\n");
            }
        }
        return code.toString();
    }

    /** The standard -h/-V options, from the mixin picocli builds for {@code mixinStandardHelpOptions = true}. */
    private String standardHelpOptions() {
        CommandSpec mixin = CommandSpec.create();
        mixin.mixinStandardHelpOptions(true);
        CommandSpec help = mixin.mixins().get("mixinStandardHelpOptions");
        help.interpolateVariables(false);
        StringBuilder code = new StringBuilder("        CommandSpec mixin = CommandSpec.create();\n");
        int index = 0;
        for (OptionSpec option : help.options()) {
            StringBuilder properties = new StringBuilder();
            OptionSpec baseline = OptionSpec.builder(option.names()).type(option.type()).build();
            for (Method getter : getters(option)) {
                String property = getter.getName();
                if (getter.getParameterCount() != 0 || ARG_PROPERTIES_NOT_COPIED.contains(property)
                        || getter.getDeclaringClass() == Object.class || setter(OptionSpec.Builder.class, property) == null) {
                    continue;
                }
                Object value = invoke(getter, option);
                if (!(property.equals("arity") && ((Range) value).isUnspecified())
                        && !Objects.deepEquals(value, invoke(getter, baseline))) {
                    properties.append('.').append(property).append('(').append(value(property, value)).append(')');
                }
            }
            String value = "value" + index++;
            if (!option.hasInitialValue()) {
                throw new IllegalStateException(option + " of the standard help options has no initial value");
            }
            code.append("        Value ").append(value).append(" = new Value(").append(value(property(option), option.initialValue()))
                    .append(");\n")
                    .append("        mixin.addOption(OptionSpec.builder(").append(literal(option.names())).append(")")
                    .append(".type(").append(classLiteral(option.type())).append(")").append(properties)
                    .append(".getter(").append(value).append(").setter(").append(value).append(")")
                    .append(".hasInitialValue(true).initialValue(").append(value).append(".get())").append(".build());\n");
        }
        return code.append("        return mixin;\n").toString();
    }

    private static String property(OptionSpec option) {
        return option.longestName() + ".initialValue";
    }

    private String binding(String name, String typeName, List<Member> members) {
        StringBuilder code = new StringBuilder();
        code.append("\n    /** Reads and writes the annotated members of {@code ").append(typeName).append("}. */\n")
                .append("    private static final class Binding").append(name).append(" implements IGetter, ISetter {\n")
                .append("        private final ").append(typeName).append(" command;\n")
                .append("        private final int member;\n")
                .append("        private Object last;\n\n")
                .append("        Binding").append(name).append("(").append(typeName)
                .append(" command, int member) {\n            this.command = command;\n            this.member = member;\n        }\n\n")
                .append("        @Override\n        public <T> T get() {\n            switch (member) {\n");
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            code.append("                case ").append(i).append(": return (T) ")
                    .append(member.method() ? "last" : "(Object) command." + member.name()).append(";\n");
        }
        code.append("                default: throw new IllegalStateException(\"member \" + member);\n            }\n        }\n\n")
                .append("        @Override\n        public <T> T set(T value) {\n            T old = get();\n            switch (member) {\n");
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            String cast = "(" + boxedSourceName(member.type()) + ") value";
            code.append("                case ").append(i).append(": ")
                    .append(member.method() ? "command." + member.name() + "(" + cast + "); last = value"
                            : "command." + member.name() + " = " + cast)
                    .append("; return old;\n");
        }
        code.append("                default: throw new IllegalStateException(\"member \" + member);\n            }\n        }\n    }\n");
        return code.toString();
    }

    /** The Java expression for a property value. */
    private static String value(String what, Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return literal(s);
        }
        if (value instanceof String[] strings) {
            return literal(strings);
        }
        if (value instanceof Boolean || value instanceof Integer) {
            return value.toString();
        }
        if (value instanceof Character c) {
            return "'" + (c == '\'' || c == '\\' ? "\\" + c : String.valueOf(c)) + "'";
        }
        if (value instanceof Enum<?> e) {
            return sourceName(e.getDeclaringClass()) + "." + e.name();
        }
        if (value instanceof Range range) {
            return "CommandLine.Range.valueOf(" + literal(range.originalValue()) + ")"
                    + (range.isUnspecified() ? ".unspecified(true)" : "");
        }
        if (value instanceof CommandLine.ITypeConverter<?>[] converters) {
            StringBuilder code = new StringBuilder("new ITypeConverter<?>[] {");
            for (int i = 0; i < converters.length; i++) {
                code.append(i == 0 ? "" : ", ").append(instance(converters[i].getClass()));
            }
            return code.append('}').toString();
        }
        if (value instanceof Iterable<?> iterable && !(value instanceof Collection<?>)) {
            return instance(iterable.getClass());
        }
        throw new IllegalStateException(what + ": cannot write a value of " + value.getClass() + " (" + value + ")");
    }

    static String literal(String[] values) {
        StringBuilder code = new StringBuilder("new String[] {");
        for (int i = 0; i < values.length; i++) {
            code.append(i == 0 ? "" : ", ").append(literal(values[i]));
        }
        return code.append('}').toString();
    }

    static String literal(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder code = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> code.append("\\\"");
                case '\\' -> code.append("\\\\");
                case '\n' -> code.append("\\n");
                case '\r' -> code.append("\\r");
                case '\t' -> code.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        code.append(String.format("\\u%04x", (int) c));
                    } else {
                        code.append(c);
                    }
                }
            }
        }
        return code.append('"').toString();
    }

    private static String classLiteral(Class<?> type) {
        return sourceName(type) + ".class";
    }

    private static String sourceName(Class<?> type) {
        if (type.isArray()) {
            return sourceName(type.getComponentType()) + "[]";
        }
        String name = type.getCanonicalName();
        if (name == null) {
            throw new IllegalStateException(type + " has no source name");
        }
        return name.startsWith("dev.tokend.cli.") && type.getPackageName().equals("dev.tokend.cli")
                ? name.substring("dev.tokend.cli.".length()) : name;
    }

    private static String boxedSourceName(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isPrimitive()) {
                return switch (c.getName()) {
                    case "boolean" -> "Boolean";
                    case "int" -> "Integer";
                    case "long" -> "Long";
                    case "double" -> "Double";
                    default -> throw new IllegalStateException("unsupported primitive " + c);
                };
            }
            return sourceName(c);
        }
        if (type instanceof ParameterizedType p) {
            StringBuilder name = new StringBuilder(sourceName((Class<?>) p.getRawType())).append('<');
            Type[] arguments = p.getActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                name.append(i == 0 ? "" : ", ").append(boxedSourceName(arguments[i]));
            }
            return name.append('>').toString();
        }
        throw new IllegalStateException("unsupported member type " + type);
    }

    /** An annotated field, or a setter method, of a command class. */
    private record Member(String name, Type type, boolean method) {}
}
