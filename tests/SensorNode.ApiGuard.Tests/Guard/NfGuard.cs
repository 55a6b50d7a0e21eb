using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SensorNode.ApiGuard.Guard;

/// <summary>One finding: repository-relative file, 1-based line, the rule that fired and what to read.</summary>
public sealed record Violation(string Path, int Line, string Rule, string Message)
{
    public override string ToString() => Line > 0 ? $"{Path}:{Line}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A source file given to the guard: repository-relative path (decides the hot-path rules) and text.</summary>
public sealed record GuardSource(string Path, string Text);

/// <summary>How to compile guarded sources.</summary>
public sealed record GuardOptions(string AssemblyName = "GuardSnippet", bool AllowUnsafe = false);

/// <summary>
/// The nanoFramework API guard. One entry point, <see cref="CheckSources"/>, serves both the projects of the
/// repository (<see cref="CheckProject"/>) and the in-memory snippets of the negative tests.
/// </summary>
public sealed class NfGuard
{
    public ApiCatalog Catalog { get; }
    public StubGenerator Stubs { get; }
    public PackagePolicy Policy { get; }

    public NfGuard(ApiCatalog catalog, StubGenerator stubs)
    {
        Catalog = catalog;
        Stubs = stubs;
        Policy = new PackagePolicy(catalog);
    }

    /// <summary>What the nanoFramework project system defines (DESIGN.md); C# 9 like the nanoFramework SDK.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.CSharp9, DocumentationMode.None, preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" });

    // ---------------------------------------------------------------------------------------------------------
    // Projects

    /// <summary>Every check for one .nfproj (repository-relative path): project consistency, compile, rules.</summary>
    public IReadOnlyList<Violation> CheckProject(string relativeProjectPath)
    {
        var project = NfProject.Load(Path.Combine(RepoPaths.RepoRoot, relativeProjectPath));
        var violations = new List<Violation>();
        violations.AddRange(CheckConsistency(project));

        var sources = new List<GuardSource>();
        foreach (var file in project.GuardedFiles)
            sources.Add(new GuardSource(RepoPaths.Relative(file), File.ReadAllText(file)));

        var references = new List<MetadataReference>();
        foreach (var pr in project.ProjectReferences)
            if (File.Exists(pr))
                references.Add(BuildReference(NfProject.Load(pr), new HashSet<string>(StringComparer.Ordinal)));

        violations.AddRange(CheckSources(sources, AllowedAssemblies(project),
            new GuardOptions(project.AssemblyName, project.AllowUnsafeBlocks), references));
        return violations;
    }

    /// <summary>The listing assemblies a project may use: those of the packages in its packages.config.</summary>
    public IReadOnlyList<string> AllowedAssemblies(NfProject project) =>
        project.Packages
            .SelectMany(p => Catalog.PackageAssemblies.TryGetValue(p.Id, out var a) ? a : Array.Empty<string>())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(a => a, StringComparer.Ordinal)
            .ToList();

    /// <summary>A referenced .nfproj compiled from its own sources against its own packages.</summary>
    private MetadataReference BuildReference(NfProject project, HashSet<string> visiting)
    {
        if (!visiting.Add(project.ProjectPath))
            throw new InvalidOperationException("project reference cycle at " + project.ProjectPath);
        var refs = AllowedAssemblies(project).Select(a => Stubs.Get(a).Reference).ToList();
        foreach (var pr in project.ProjectReferences)
            if (File.Exists(pr)) refs.Add(BuildReference(NfProject.Load(pr), visiting));
        var trees = project.GuardedFiles
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions, RepoPaths.Relative(f)));
        return CSharpCompilation.Create(project.AssemblyName, trees, refs, CompilationOptions(project.AllowUnsafeBlocks))
            .ToMetadataReference();
    }

    /// <summary>The .nfproj against its folder, its packages.config and the package policy.</summary>
    public IReadOnlyList<Violation> CheckConsistency(NfProject project)
    {
        var path = RepoPaths.Relative(project.ProjectPath);
        var v = new List<Violation>();
        void Add(string rule, string message) => v.Add(new Violation(path, 0, rule, message));

        // Compile list == the folder's .cs files (what firmware/sync-nfproj.sh writes).
        var listed = project.CompileItems.Select(i => i.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var onDisk = project.SourceFilesOnDisk().ToHashSet(StringComparer.Ordinal);
        var missing = onDisk.Except(listed).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var extra = listed.Except(onDisk).OrderBy(x => x, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            Add("nfproj-compile", $"Compile items missing for {string.Join(", ", missing)} (the device build would not compile them) — run firmware/sync-nfproj.sh");
        if (extra.Count > 0)
            Add("nfproj-compile", $"Compile items for files that do not exist (or are under bin/, obj/, DesktopOnly/): {string.Join(", ", extra)} — run firmware/sync-nfproj.sh");

        foreach (var pr in project.ProjectReferences)
            if (!File.Exists(pr)) Add("nfproj-reference", $"ProjectReference {RepoPaths.Relative(pr)} does not exist");
            else if (!pr.EndsWith(".nfproj", StringComparison.OrdinalIgnoreCase))
                Add("nfproj-reference", $"ProjectReference {RepoPaths.Relative(pr)} is not a nanoFramework project");

        if (!project.HasPackagesConfig)
            Add("packages", "no packages.config beside the project (the legacy nanoFramework project system restores from it)");

        var byFolder = project.References.Where(r => r.PackageFolder != null)
            .GroupBy(r => r.PackageFolder!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var dup in project.Packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            Add("packages", $"package {dup.Key} is listed {dup.Count()} times in packages.config");
        foreach (var p in project.Packages)
        {
            if (!Catalog.PackageAssemblies.TryGetValue(p.Id, out var assemblies))
                Add("packages", $"package {p.Id} has no API listing in ../shared/nanoframework/api (INDEX.md); the guard cannot check its use");
            else
            {
                if (!byFolder.ContainsKey(p.Folder))
                {
                    var other = project.References.FirstOrDefault(r => r.PackageFolder != null &&
                        r.PackageFolder.StartsWith(p.Id + ".", StringComparison.OrdinalIgnoreCase) &&
                        char.IsDigit(r.PackageFolder[p.Id.Length + 1]));
                    Add("packages", other != null
                        ? $"package {p.Id} is {p.Version} in packages.config but the <Reference> HintPath points into packages\\{other.PackageFolder}"
                        : $"package {p.Id} {p.Version} has no <Reference> whose HintPath is under packages\\{p.Folder}\\");
                }
                else
                    foreach (var r in byFolder[p.Folder])
                        if (!assemblies.Contains(r.AssemblyName, StringComparer.Ordinal) && !IsToolAssembly(r))
                            Add("packages", $"<Reference Include=\"{r.AssemblyName}\"> is under packages\\{p.Folder} but that package provides {string.Join(", ", assemblies)}");
            }
            var policy = Policy.Check(p);
            if (policy != null) Add("package-version", policy);
        }
        foreach (var r in project.References)
        {
            if (r.PackageFolder == null)
            {
                Add("packages", $"<Reference Include=\"{r.Include}\"> has no HintPath into packages\\ (the device build could not find it)");
                continue;
            }
            if (!project.Packages.Any(p => p.Folder.Equals(r.PackageFolder, StringComparison.OrdinalIgnoreCase)))
                Add("packages", $"<Reference Include=\"{r.AssemblyName}\"> points into packages\\{r.PackageFolder} but packages.config has no such package/version");
        }
        return v;
    }

    // The test framework package also ships its launcher; it has no API of its own to list.
    private static bool IsToolAssembly(NfReference r) => r.AssemblyName == "nanoFramework.UnitTestLauncher";

    // ---------------------------------------------------------------------------------------------------------
    // Sources

    private static CSharpCompilationOptions CompilationOptions(bool allowUnsafe) =>
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
            allowUnsafe: allowUnsafe, concurrentBuild: true, optimizationLevel: OptimizationLevel.Release);

    /// <summary>
    /// Compile the sources against the generated reference assemblies of <paramref name="assemblies"/> (plus
    /// already-built project references) and report every compile error, every referenced symbol missing from
    /// the listings, and every unsupported construct.
    /// </summary>
    /// <param name="listedIds">The documentation IDs that count as listed; by default those of the allowed
    /// assemblies' listings (the tests narrow it to prove the ID check works on its own).</param>
    public IReadOnlyList<Violation> CheckSources(IReadOnlyList<GuardSource> sources, IEnumerable<string> assemblies,
        GuardOptions? options = null, IEnumerable<MetadataReference>? projectReferences = null,
        IReadOnlySet<string>? listedIds = null)
    {
        options ??= new GuardOptions();
        var allowed = assemblies.ToList();
        var asmList = string.Join(", ", allowed);
        var refs = allowed.Select(a => Stubs.Get(a).Reference).ToList();
        if (projectReferences != null) refs.AddRange(projectReferences);

        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToList();
        var compilation = CSharpCompilation.Create(options.AssemblyName, trees, refs, CompilationOptions(options.AllowUnsafe));

        var violations = new List<Violation>();
        ImmutableArray<Diagnostic> diagnostics;
        using (var pe = new MemoryStream())
            diagnostics = compilation.Emit(pe).Diagnostics;
        var models = trees.ToDictionary(t => t, t => compilation.GetSemanticModel(t));
        foreach (var d in diagnostics)
        {
            if (d.Severity != DiagnosticSeverity.Error && !ObsoleteIds.Contains(d.Id)) continue;
            if (!d.Location.IsInSource) { violations.Add(new Violation("(compilation)", 0, "compile", $"{d.Id}: {d.GetMessage()}")); continue; }
            var tree = d.Location.SourceTree!;
            var line = d.Location.GetLineSpan().StartLinePosition.Line + 1;
            var symbol = Describe(d, models[tree]);
            string message;
            if (ObsoleteIds.Contains(d.Id))
                message = $"{symbol} — obsolete in nanoFramework 1.x ({d.Id}: {d.GetMessage()})";
            else if (MissingApiIds.Contains(d.Id))
                message = $"{symbol} — not in nanoFramework 1.x ({asmList}) ({d.Id}: {d.GetMessage()})";
            else
                message = $"{symbol} — does not compile for nanoFramework 1.x ({asmList}) ({d.Id}: {d.GetMessage()})";
            violations.Add(new Violation(tree.FilePath, line, "compile", message));
        }

        var allowedIds = listedIds ?? new HashSet<string>(allowed.SelectMany(a => Catalog.Assemblies[a].DocIds), StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var model = models[tree];
            violations.AddRange(DocIdCheck.Run(tree, model, allowedIds, Catalog, allowed));
            var walker = new RuleWalker(model, tree.FilePath, options.AllowUnsafe);
            walker.Visit(tree.GetRoot());
            violations.AddRange(walker.Violations);
        }
        return violations
            .GroupBy(x => (x.Path, x.Line, x.Message)).Select(g => g.First())
            .OrderBy(x => x.Path, StringComparer.Ordinal).ThenBy(x => x.Line).ThenBy(x => x.Message, StringComparer.Ordinal)
            .ToList();
    }

    private static readonly HashSet<string> ObsoleteIds = new(StringComparer.Ordinal) { "CS0612", "CS0618", "CS0619" };

    // Errors that mean "this API (or this overload, or this compiler-required member) does not exist here".
    private static readonly HashSet<string> MissingApiIds = new(StringComparer.Ordinal)
    {
        "CS0012", "CS0103", "CS0117", "CS0122", "CS0143", "CS0234", "CS0246", "CS0305", "CS0308", "CS0400",
        "CS0426", "CS0518", "CS0656", "CS1061", "CS1501", "CS1503", "CS1729", "CS1929", "CS7036", "CS0411",
        "CS1955", "CS0115", "CS0535", "CS0570", "CS8179", "CS8183", "CS0029", "CS0266", "CS1660", "CS1662",
        "CS8356", "CS1935", "CS0030",
    };

    /// <summary>The code the diagnostic is about, e.g. <c>Math.Round(double, int)</c> or <c>string.Join</c>.</summary>
    private static string Describe(Diagnostic d, SemanticModel model)
    {
        var root = model.SyntaxTree.GetRoot();
        var span = d.Location.SourceSpan;
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        string Args(ArgumentListSyntax? list) => list == null ? "" :
            "(" + string.Join(", ", list.Arguments.Select(a => model.GetTypeInfo(a.Expression).Type is { TypeKind: not TypeKind.Error } t
                ? t.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : a.Expression.ToString())) + ")";

        string Call(SyntaxNode call) => call switch
        {
            InvocationExpressionSyntax inv => Short(inv.Expression.ToString()) + Args(inv.ArgumentList),
            ObjectCreationExpressionSyntax o => "new " + Short(o.Type.ToString()) + Args(o.ArgumentList),
            BaseObjectCreationExpressionSyntax b => "new()" + Args(b.ArgumentList),
            ConstructorInitializerSyntax ci => ci.ThisOrBaseKeyword.Text + Args(ci.ArgumentList),
            _ => Short(call.ToString()),
        };

        // An argument that fits no overload: the call is what does not exist.
        if (d.Id is "CS1503" or "CS1502" or "CS1620" or "CS1615")
        {
            var arg = node.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault();
            if (arg?.Parent?.Parent is { } call) return Call(call);
        }
        foreach (var n in node.AncestorsAndSelf())
        {
            switch (n)
            {
                case InvocationExpressionSyntax inv when inv.Expression.Span.Contains(span) || inv.Span == span:
                    return Call(inv);
                case BaseObjectCreationExpressionSyntax oc:
                    return Call(oc);
                case MemberAccessExpressionSyntax ma:
                    return ma.Parent is InvocationExpressionSyntax mi && mi.Expression == ma ? Call(mi) : Short(ma.ToString());
                case QualifiedNameSyntax q when q.Parent is not QualifiedNameSyntax:
                    return Short(q.ToString());
                case AttributeSyntax at:
                    return "[" + Short(at.ToString()) + "]";
                case StatementSyntax or MemberDeclarationSyntax:
                    return Short(node.ToString());
            }
        }
        return Short(node.ToString());
    }

    private static string Short(string s)
    {
        s = System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ").Trim();
        return s.Length > 90 ? s.Substring(0, 87) + "..." : s;
    }
}
