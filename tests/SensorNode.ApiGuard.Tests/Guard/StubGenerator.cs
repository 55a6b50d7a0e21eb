using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace SensorNode.ApiGuard.Guard;

/// <summary>
/// Turns listing lines into compile-only C# declarations (every body is <c>throw null</c>) and compiles them in
/// memory into reference assemblies, one per listed nanoFramework assembly. mscorlib is compiled with no
/// references at all, so nothing of desktop .NET can leak into what the guarded code binds to.
/// Nothing generated is written to disk.
/// </summary>
public sealed class StubGenerator
{
    private readonly ApiCatalog _catalog;

    /// <summary>Documentation type name (e.g. <c>System.Action`1</c>) → type entry, over every listing.</summary>
    private readonly Dictionary<string, TypeEntry> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TypeEntry>> _typesByAssembly = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rootNamespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<StubAssembly>> _built = new(StringComparer.Ordinal);

    public StubGenerator(ApiCatalog catalog)
    {
        _catalog = catalog;
        foreach (var asm in catalog.Assemblies.Values)
        {
            var list = new List<TypeEntry>();
            _typesByAssembly[asm.Name] = list;
            foreach (var line in asm.Lines.Where(l => l.Kind == 'T'))
            {
                var t = new TypeEntry(asm.Name, line);
                _types[t.DocName] = t;
                list.Add(t);
                _rootNamespaces.Add(t.DocName.Split('.')[0]);
            }
        }
        // Nesting: a type whose documentation name continues another type's name is nested in it.
        foreach (var t in _types.Values)
        {
            var dot = t.DocName.LastIndexOf('.');
            if (dot > 0 && _types.TryGetValue(t.DocName.Substring(0, dot), out var outer) && outer.Assembly == t.Assembly)
            {
                t.Outer = outer;
                outer.Nested.Add(t);
            }
        }
        foreach (var asm in catalog.Assemblies.Values)
            foreach (var line in asm.Lines.Where(l => l.Kind != 'T'))
            {
                var owner = OwnerOf(line.Name);
                if (owner != null && _types.TryGetValue(owner, out var t))
                    t.Members.Add(line);
                else
                    throw new InvalidOperationException($"{asm.Path}:{line.LineNumber}: no type line for the owner of {line.DocId}");
            }
    }

    /// <summary>The generated reference assembly for one listing (built once per process, on first use).</summary>
    public StubAssembly Get(string assemblyName) =>
        _built.GetOrAdd(assemblyName, n => new Lazy<StubAssembly>(() => Build(n), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The C# source generated for one listing (for the docs and for debugging a listing).</summary>
    public string GenerateSource(string assemblyName, IReadOnlyDictionary<string, string>? extras = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// Generated at test time from shared/nanoframework/api; compile-only declarations.");
        foreach (var group in _typesByAssembly[assemblyName].Where(t => t.Outer == null).GroupBy(t => t.Namespace))
        {
            sb.Append("namespace ").Append(group.Key).AppendLine(" {");
            foreach (var t in group) EmitType(sb, t, extras, "  ");
            sb.AppendLine("}");
        }
        return sb.ToString();
    }

    private static readonly CSharpParseOptions StubParse = new(LanguageVersion.Preview, DocumentationMode.None);

    private StubAssembly Build(string name)
    {
        if (!_catalog.Assemblies.ContainsKey(name))
            throw new InvalidOperationException($"no listing for assembly {name}");
        var deps = DependenciesOf(name);
        var refs = Closure(deps).Select(d => Get(d).Reference).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable, allowUnsafe: true,
            concurrentBuild: false);

        CSharpCompilation Compile(string source) => CSharpCompilation.Create(name,
            new[] { CSharpSyntaxTree.ParseText(source, StubParse, path: name + ".stubs.cs") }, refs, options);

        var first = Compile(GenerateSource(name));
        var extras = MissingImplementations(first);
        var compilation = extras.Count == 0 ? first : Compile(GenerateSource(name, extras));

        using var ms = new MemoryStream();
        var result = compilation.Emit(ms, options: new EmitOptions(metadataOnly: true));
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException($"the declarations generated from {name}.txt do not compile:\n" +
                string.Join("\n", errors.Take(30).Select(e => e.ToString())));
        return new StubAssembly(name, deps, MetadataReference.CreateFromImage(ms.ToArray(),
            documentation: null, filePath: name + ".dll"));
    }

    /// <summary>The assemblies and everything they depend on, transitively.</summary>
    public IReadOnlyList<string> Closure(IEnumerable<string> assemblies)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(assemblies);
        while (stack.Count > 0)
        {
            var a = stack.Pop();
            if (!seen.Add(a)) continue;
            foreach (var d in DependenciesOf(a)) stack.Push(d);
        }
        return seen.ToList();
    }

    /// <summary>Assemblies whose types a listing's declarations mention.</summary>
    public IReadOnlyList<string> DependenciesOf(string assemblyName)
    {
        var deps = new SortedSet<string>(StringComparer.Ordinal);
        var listing = _catalog.Assemblies[assemblyName];
        foreach (var line in listing.Lines)
            foreach (Match m in QualifiedName.Matches(StripStrings(line.Declaration)))
            {
                var owner = ResolveTypeName(m.Value);
                if (owner != null && owner.Assembly != assemblyName) deps.Add(owner.Assembly);
            }
        if (assemblyName != "mscorlib") deps.Add("mscorlib");
        return deps.ToList();
    }

    private static readonly Regex QualifiedName = new(@"(?<![\w.])[A-Za-z_]\w*(\.[A-Za-z_]\w*)+", RegexOptions.Compiled);
    private static readonly Regex StringLiteral = new("\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.Compiled);

    private static string StripStrings(string s) => StringLiteral.Replace(s, "\"\"");

    private TypeEntry? ResolveTypeName(string dotted)
    {
        // Longest prefix that names a type (non-generic or with any arity).
        var parts = dotted.Split('.');
        for (var n = parts.Length; n >= 2; n--)
        {
            var candidate = string.Join('.', parts.Take(n));
            if (_types.TryGetValue(candidate, out var t)) return t;
            foreach (var arity in new[] { 1, 2, 3 })
                if (_types.TryGetValue(candidate + "`" + arity, out t)) return t;
        }
        return null;
    }

    /// <summary>Prefix every namespace-qualified name with global:: so the enclosing namespace cannot capture it.</summary>
    private string Globalize(string decl)
    {
        var sb = new StringBuilder();
        var last = 0;
        foreach (Match s in StringLiteral.Matches(decl))
        {
            sb.Append(GlobalizeCode(decl.Substring(last, s.Index - last)));
            sb.Append(s.Value);
            last = s.Index + s.Length;
        }
        sb.Append(GlobalizeCode(decl.Substring(last)));
        return sb.ToString();
    }

    private string GlobalizeCode(string code) => QualifiedName.Replace(code, m =>
        _rootNamespaces.Contains(m.Value.Substring(0, m.Value.IndexOf('.'))) ? "global::" + m.Value : m.Value);

    private string? OwnerOf(string memberName)
    {
        var paren = memberName.IndexOf('(');
        var head = paren >= 0 ? memberName.Substring(0, paren) : memberName;
        var tilde = head.IndexOf('~');
        if (tilde >= 0) head = head.Substring(0, tilde);
        var dot = head.LastIndexOf('.');
        return dot > 0 ? head.Substring(0, dot) : null;
    }

    private static readonly Regex KindWord = new(@"\b(class|struct|interface|enum|delegate)\b", RegexOptions.Compiled);

    private void EmitType(StringBuilder sb, TypeEntry t, IReadOnlyDictionary<string, string>? extras, string indent)
    {
        var decl = t.Line.Declaration;
        var kind = t.Kind;
        // Replace the fully qualified name in the declaration by the simple name.
        var full = Regex.Escape(t.CSharpFullName);
        var nameMatch = Regex.Matches(decl, @"(?<=\s)" + full + @"(?=[<(\s]|$)")
            .LastOrDefault(m => kind != "delegate" || (m.Index + m.Length < decl.Length && "<(".Contains(decl[m.Index + m.Length])))
            ?? throw new InvalidOperationException($"{t.Line.DocId}: cannot find the type name in '{decl}'");
        var header = decl.Substring(0, nameMatch.Index) + t.SimpleName + decl.Substring(nameMatch.Index + nameMatch.Length);
        header = Globalize(header);

        if (t.Line.Flags) sb.Append(indent).AppendLine("[global::System.Flags]");
        if (t.Line.Obsolete) sb.Append(indent).AppendLine("[global::System.Obsolete]");
        if (kind == "class" && IsAttributeClass(t) && t.DocName != "System.AttributeUsageAttribute")
            // The listing does not say how an attribute may be used; allow every use (see docs/api-guard.md).
            sb.Append(indent).AppendLine("[global::System.AttributeUsage(global::System.AttributeTargets.All, AllowMultiple = true, Inherited = true)]");

        if (kind == "delegate")
        {
            sb.Append(indent).Append(header).AppendLine(";");
            return;
        }
        sb.Append(indent).AppendLine(header);
        sb.Append(indent).AppendLine("{");
        var inner = indent + "  ";
        if (kind == "enum")
        {
            foreach (var m in t.Members.Where(m => m.Kind == 'F'))
            {
                if (m.Obsolete) sb.Append(inner).AppendLine(ObsoleteAttribute(m));
                sb.Append(inner).Append(Globalize(m.Declaration)).AppendLine(",");
            }
        }
        else
        {
            var isInterface = kind == "interface";
            var hasInstanceCtor = t.Members.Any(m => m.Name.Contains(".#ctor", StringComparison.Ordinal));
            var isStatic = Regex.IsMatch(decl, @"\bstatic\b");
            if (kind == "class" && !hasInstanceCtor && !isStatic)
                // The type has no public or protected constructor: declare an internal one, so that C# does not
                // add an implicit public constructor the real assembly does not have.
                sb.Append(inner).Append("internal ").Append(t.SimpleName).Append("()").Append(BaseCall(t)).AppendLine(" { }");
            foreach (var m in t.Members)
            {
                var text = MemberText(t, m, isInterface);
                if (text == null) continue;
                if (m.Obsolete) sb.Append(inner).AppendLine(ObsoleteAttribute(m));
                if (m.ConditionalDebug) sb.Append(inner).AppendLine("[global::System.Diagnostics.Conditional(\"DEBUG\")]");
                sb.Append(inner).AppendLine(text);
            }
            if (extras != null && extras.TryGetValue(t.DocName, out var extra)) sb.Append(extra);
        }
        foreach (var n in t.Nested) EmitType(sb, n, extras, inner);
        sb.Append(indent).AppendLine("}");
    }

    // Listed as obsolete-as-error in INDEX.md: using it does not compile.
    private static readonly HashSet<string> ObsoleteAsError = new(StringComparer.Ordinal) { "F:System.DateTimeKind.Local" };

    private static string ObsoleteAttribute(ListingLine m) => ObsoleteAsError.Contains(m.DocId)
        ? "[global::System.Obsolete(\"obsolete as error in nanoFramework 1.x\", true)]"
        : "[global::System.Obsolete]";

    private bool IsAttributeClass(TypeEntry t)
    {
        for (var cur = t; cur != null; cur = BaseClassOf(cur))
            if (cur.DocName == "System.Attribute") return true;
        return false;
    }

    private TypeEntry? BaseClassOf(TypeEntry t)
    {
        var bases = t.BaseList;
        if (bases.Count == 0) return null;
        var first = _types.GetValueOrDefault(bases[0]);
        return first != null && first.Kind == "class" ? first : null;
    }

    private string? MemberText(TypeEntry t, ListingLine m, bool isInterface)
    {
        var decl = Globalize(m.Declaration);
        switch (m.Kind)
        {
            case 'F':
                // The listing writes the special values by name; inside mscorlib itself that would be circular.
                decl = decl.Replace("= double.NaN", "= 0.0 / 0.0").Replace("= double.NegativeInfinity", "= -1.0 / 0.0")
                    .Replace("= double.PositiveInfinity", "= 1.0 / 0.0").Replace("= float.NaN", "= 0.0F / 0.0F")
                    .Replace("= float.NegativeInfinity", "= -1.0F / 0.0F").Replace("= float.PositiveInfinity", "= 1.0F / 0.0F");
                return decl + ";";
            case 'E':
                if (isInterface) decl = StripInterfaceModifiers(decl);
                return decl + ";";
            case 'P':
            {
                var isAbstract = isInterface || Regex.IsMatch(decl, @"\babstract\b");
                if (isInterface) decl = StripInterfaceModifiers(decl);
                if (!isAbstract) decl = Regex.Replace(decl, @"\b(get|set|init);", "$1 => throw null;");
                var paren = m.Name.IndexOf('(');
                if (paren > 0)
                {
                    // Indexer: C# names it Item unless told otherwise (String's is Chars).
                    var head = m.Name.Substring(0, paren);
                    var indexerName = head.Substring(head.LastIndexOf('.') + 1);
                    if (indexerName != "Item")
                        decl = $"[global::System.Runtime.CompilerServices.IndexerName(\"{indexerName}\")] " + decl;
                }
                return decl;
            }
            case 'M':
            {
                var name = m.Name;
                if (name.EndsWith(".Finalize", StringComparison.Ordinal)) return null; // a destructor; never callable
                if (name.Contains(".#cctor", StringComparison.Ordinal)) return null;
                if (isInterface) return StripInterfaceModifiers(decl) + ";";
                if (Regex.IsMatch(decl, @"\b(abstract|extern)\b")) return decl + ";";
                if (name.Contains(".#ctor", StringComparison.Ordinal))
                    return decl + (Regex.IsMatch(decl, @"\bstatic\b") ? "" : BaseCall(t)) + " => throw null;";
                return decl + " => throw null;";
            }
            default:
                return null;
        }
    }

    private static string StripInterfaceModifiers(string decl) =>
        Regex.Replace(decl, @"^(public|abstract|virtual)\s+(?:(public|abstract|virtual)\s+)*", "");

    /// <summary>A constructor initializer that reaches an accessible constructor of the base class.</summary>
    private string BaseCall(TypeEntry t)
    {
        if (t.Kind != "class") return "";
        var baseType = BaseClassOf(t);
        if (baseType == null) return "";
        var ctors = baseType.Members
            .Where(m => m.Kind == 'M' && m.Name.Contains(".#ctor", StringComparison.Ordinal) && !Regex.IsMatch(m.Declaration, @"\bstatic\b"))
            .ToList();
        if (ctors.Count == 0) return ""; // the base gets an internal parameterless constructor
        if (ctors.Any(c => !c.Name.Contains('('))) return "";
        foreach (var c in ctors)
        {
            var ps = SplitDocIdParameters(c.Name);
            if (ps.Any(p => p.Contains('@') || p.Contains('{') || p.Contains('*') || p.Contains('`'))) continue;
            return " : base(" + string.Join(", ", ps.Select(p => $"(global::{p})default")) + ")";
        }
        return "";
    }

    private static List<string> SplitDocIdParameters(string memberName)
    {
        var open = memberName.IndexOf('(');
        var close = memberName.LastIndexOf(')');
        var inner = memberName.Substring(open + 1, close - open - 1);
        var result = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') depth--;
            else if (c == ',' && depth == 0)
            {
                result.Add(inner.Substring(start, i - start));
                start = i + 1;
            }
        }
        result.Add(inner.Substring(start));
        return result;
    }

    /// <summary>
    /// Interface members the real types implement explicitly (so the listing, which has public members only,
    /// does not show them) and abstract members implemented by non-public overrides: declared explicitly or
    /// internally, so that no public member is added.
    /// </summary>
    private static Dictionary<string, string> MissingImplementations(CSharpCompilation compilation)
    {
        var extras = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var fq = SymbolDisplayFormat.FullyQualifiedFormat;
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) continue;
            var key = type.GetDocumentationCommentId()!.Substring(2);
            StringBuilder Sb() => extras.TryGetValue(key, out var sb) ? sb : extras[key] = new StringBuilder();
            foreach (var iface in type.AllInterfaces)
                foreach (var member in iface.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }) continue;
                    if (type.FindImplementationForInterfaceMember(member) != null) continue;
                    var owner = iface.ToDisplayString(fq);
                    switch (member)
                    {
                        case IMethodSymbol meth:
                            Sb().Append("    ").Append(meth.ReturnsVoid ? "void" : meth.ReturnType.ToDisplayString(fq))
                                .Append(' ').Append(owner).Append('.').Append(meth.Name).Append('(')
                                .Append(string.Join(", ", meth.Parameters.Select(p => RefKind(p) + p.Type.ToDisplayString(fq) + " " + p.Name)))
                                .AppendLine(") => throw null;");
                            break;
                        case IPropertySymbol prop:
                            Sb().Append("    ").Append(prop.Type.ToDisplayString(fq)).Append(' ').Append(owner).Append('.')
                                .Append(prop.IsIndexer
                                    ? "this[" + string.Join(", ", prop.Parameters.Select(p => p.Type.ToDisplayString(fq) + " " + p.Name)) + "]"
                                    : prop.Name)
                                .Append(" { ")
                                .Append(prop.GetMethod != null ? "get => throw null; " : "")
                                .Append(prop.SetMethod != null ? "set => throw null; " : "")
                                .AppendLine("}");
                            break;
                        case IEventSymbol ev:
                            Sb().Append("    event ").Append(ev.Type.ToDisplayString(fq)).Append(' ').Append(owner).Append('.')
                                .Append(ev.Name).AppendLine(" { add { } remove { } }");
                            break;
                    }
                }
            if (type.TypeKind == TypeKind.Class && !type.IsAbstract)
            {
                for (var b = type.BaseType; b != null; b = b.BaseType)
                    foreach (var member in b.GetMembers().Where(x => x.IsAbstract))
                    {
                        if (IsOverridden(type, member)) continue;
                        if (member is IMethodSymbol am && am.MethodKind == MethodKind.Ordinary)
                            Sb().Append("    ").Append(Access(am)).Append(" override ")
                                .Append(am.ReturnsVoid ? "void" : am.ReturnType.ToDisplayString(fq)).Append(' ').Append(am.Name).Append('(')
                                .Append(string.Join(", ", am.Parameters.Select(p => RefKind(p) + p.Type.ToDisplayString(fq) + " " + p.Name)))
                                .AppendLine(") => throw null;");
                        else if (member is IPropertySymbol ap && !ap.IsIndexer)
                            Sb().Append("    ").Append(Access(ap)).Append(" override ").Append(ap.Type.ToDisplayString(fq)).Append(' ')
                                .Append(ap.Name).Append(" { ")
                                .Append(ap.GetMethod != null ? "get => throw null; " : "")
                                .Append(ap.SetMethod != null ? "set => throw null; " : "")
                                .AppendLine("}");
                    }
            }
        }
        return extras.Where(e => e.Value.Length > 0).ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);
    }

    private static string Access(ISymbol s) => s.DeclaredAccessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "internal",
    };

    private static string RefKind(IParameterSymbol p) => p.RefKind switch
    {
        Microsoft.CodeAnalysis.RefKind.Ref => "ref ",
        Microsoft.CodeAnalysis.RefKind.Out => "out ",
        Microsoft.CodeAnalysis.RefKind.In => "in ",
        _ => "",
    };

    private static bool IsOverridden(INamedTypeSymbol type, ISymbol abstractMember)
    {
        for (var t = type; t != null && !SymbolEqualityComparer.Default.Equals(t, abstractMember.ContainingType); t = t.BaseType)
            foreach (var m in t.GetMembers(abstractMember.Name))
            {
                ISymbol? o = m switch
                {
                    IMethodSymbol ms => ms.OverriddenMethod,
                    IPropertySymbol ps => ps.OverriddenProperty,
                    IEventSymbol es => es.OverriddenEvent,
                    _ => null,
                };
                for (; o != null; o = o switch
                     {
                         IMethodSymbol ms => ms.OverriddenMethod,
                         IPropertySymbol ps => ps.OverriddenProperty,
                         IEventSymbol es => es.OverriddenEvent,
                         _ => null,
                     })
                    if (SymbolEqualityComparer.Default.Equals(o.OriginalDefinition, abstractMember.OriginalDefinition)) return true;
            }
        return false;
    }

    internal static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var t in ns.GetTypeMembers())
            foreach (var x in WithNested(t)) yield return x;
        foreach (var child in ns.GetNamespaceMembers())
            foreach (var x in AllTypes(child)) yield return x;
    }

    private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol t)
    {
        yield return t;
        foreach (var n in t.GetTypeMembers())
            foreach (var x in WithNested(n)) yield return x;
    }

    private sealed class TypeEntry
    {
        public TypeEntry(string assembly, ListingLine line)
        {
            Assembly = assembly;
            Line = line;
            DocName = line.Name;
            var tick = DocName.IndexOf('`');
            CSharpFullName = tick >= 0 ? DocName.Substring(0, tick) : DocName;
            var dot = CSharpFullName.LastIndexOf('.');
            SimpleName = CSharpFullName.Substring(dot + 1);
            Kind = KindWord.Match(line.Declaration).Value;
            var colon = Regex.Match(line.Declaration, @"\s:\s(?<b>[^(]*)$");
            BaseList = Kind is "class" or "struct" or "interface" && colon.Success
                ? colon.Groups["b"].Value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList()
                : new List<string>();
        }

        public string Assembly { get; }
        public ListingLine Line { get; }
        public string DocName { get; }
        public string CSharpFullName { get; }
        public string SimpleName { get; }
        public string Kind { get; }
        public List<string> BaseList { get; }
        public TypeEntry? Outer { get; set; }
        public List<TypeEntry> Nested { get; } = new();
        public List<ListingLine> Members { get; } = new();

        public string Namespace
        {
            get
            {
                var top = this;
                while (top.Outer != null) top = top.Outer;
                var dot = top.CSharpFullName.LastIndexOf('.');
                return top.CSharpFullName.Substring(0, dot);
            }
        }
    }
}

/// <summary>A generated in-memory reference assembly and the generated assemblies it depends on.</summary>
public sealed record StubAssembly(string Name, IReadOnlyList<string> Dependencies, MetadataReference Reference);
