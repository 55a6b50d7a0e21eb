using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SensorNode.ApiGuard.Guard;
using Xunit;

namespace SensorNode.ApiGuard;

/// <summary>
/// The generated reference assemblies are only as good as their fidelity to the listing: every listed ID must
/// exist in them, and nothing callable may exist that the listing lacks.
/// </summary>
public class StubGenerationTests
{
    public static IEnumerable<object[]> Assemblies() =>
        GuardContext.Catalog.Assemblies.Keys.OrderBy(k => k, StringComparer.Ordinal).Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Generated_assembly_declares_exactly_the_listed_api(string assembly)
    {
        var stub = GuardContext.Stubs.Get(assembly);
        var refs = new List<MetadataReference> { stub.Reference };
        refs.AddRange(AllDependencies(assembly).Select(d => GuardContext.Stubs.Get(d).Reference));
        var compilation = CSharpCompilation.Create("probe", references: refs);
        var asm = (IAssemblySymbol)compilation.GetAssemblyOrModuleSymbol(stub.Reference)!;

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in StubGenerator.AllTypes(asm.GlobalNamespace))
        {
            if (!Visible(type)) continue;
            declared.Add(type.GetDocumentationCommentId()!);
            if (type.TypeKind == TypeKind.Delegate) continue; // Invoke etc. are not listed separately
            foreach (var m in type.GetMembers())
            {
                if (!Visible(m) || m.IsImplicitlyDeclared) continue;
                // The listing has protected members only for types that can be derived from.
                if (type.IsSealed && m.DeclaredAccessibility != Accessibility.Public) continue;
                if (m is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove }) continue;
                if (m is INamedTypeSymbol) continue;
                declared.Add(m.GetDocumentationCommentId()!);
            }
        }
        var listed = GuardContext.Catalog.Assemblies[assembly].Lines
            .Select(l => l.DocId)
            .Where(id => !id.EndsWith(".Finalize", StringComparison.Ordinal)) // destructors are not callable
            .ToHashSet(StringComparer.Ordinal);

        var missing = listed.Except(declared).OrderBy(x => x, StringComparer.Ordinal).ToList();
        var extra = declared.Except(listed).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{assembly}: missing {missing.Count}: {string.Join(", ", missing.Take(20))}; extra {extra.Count}: {string.Join(", ", extra.Take(20))}");
    }

    private static bool Visible(ISymbol s) =>
        s.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

    private static IEnumerable<string> AllDependencies(string assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(GuardContext.Stubs.Get(assembly).Dependencies);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            if (!seen.Add(d)) continue;
            foreach (var x in GuardContext.Stubs.Get(d).Dependencies) stack.Push(x);
        }
        return seen;
    }
}
