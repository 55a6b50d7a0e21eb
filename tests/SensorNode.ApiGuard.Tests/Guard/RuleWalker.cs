using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SensorNode.ApiGuard.Guard;

/// <summary>
/// Language constructs nanoFramework 1.x cannot run (FACTS.md §1.6, §9 and the brief), whether or not they
/// compile against the 1.x declarations, plus the firmware hot-path rules for the DSP folders.
/// </summary>
public sealed class RuleWalker : CSharpSyntaxWalker
{
    private readonly SemanticModel _model;
    private readonly string _path;
    private readonly bool _allowUnsafe;
    private readonly bool _hotPath;
    private readonly HashSet<(int, string)> _seen = new();

    public List<Violation> Violations { get; } = new();

    /// <summary>Folders whose loops run per sample: no trig, no string interpolation inside loops.</summary>
    public static readonly string[] HotPathFolders =
    {
        "firmware/SensorNode.Core/Dsp/", "firmware/SensorNode.Core/Vibration/", "firmware/SensorNode.Core/Current/",
    };

    private static readonly HashSet<string> TrigNames = new(StringComparer.Ordinal) { "Sin", "Cos", "Exp", "Pow" };
    private static readonly string[] SetupPrefixes = { "Build", "Create", "Init", "Precompute" };

    private static readonly HashSet<string> LinqNames = new(StringComparer.Ordinal)
    {
        "Where", "Select", "SelectMany", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy",
        "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault", "Any", "All", "Count",
        "Sum", "Average", "Min", "Max", "ToList", "ToArray", "ToDictionary", "Aggregate", "Skip", "Take",
        "Distinct", "Reverse", "Cast", "OfType", "Zip", "SequenceEqual", "Contains", "ElementAt", "AsEnumerable",
    };

    private static readonly Regex StandardNumericFormat = new(@"^[DdFfGgNnXx][0-9]{0,2}$", RegexOptions.Compiled);

    public RuleWalker(SemanticModel model, string path, bool allowUnsafe) : base(SyntaxWalkerDepth.Node)
    {
        _model = model;
        _path = path.Replace('\\', '/');
        _allowUnsafe = allowUnsafe;
        _hotPath = HotPathFolders.Any(f => _path.StartsWith(f, StringComparison.Ordinal));
    }

    private void Report(SyntaxNode node, string rule, string message) => Report(node.GetLocation(), rule, message);

    private void Report(Location location, string rule, string message)
    {
        var line = location.GetLineSpan().StartLinePosition.Line + 1;
        if (_seen.Add((line, message))) Violations.Add(new Violation(_path, line, rule, message));
    }

    private static string Code(SyntaxNode n)
    {
        var s = Regex.Replace(n.ToString(), @"\s+", " ").Trim();
        return s.Length > 70 ? s.Substring(0, 67) + "..." : s;
    }

    // ----- generics -----------------------------------------------------------------------------------------

    public override void VisitTypeParameterList(TypeParameterListSyntax node)
    {
        var owner = node.Parent switch
        {
            MethodDeclarationSyntax m => "method " + m.Identifier.Text,
            LocalFunctionStatementSyntax l => "local function " + l.Identifier.Text,
            DelegateDeclarationSyntax d => "delegate " + d.Identifier.Text,
            BaseTypeDeclarationSyntax t => "type " + t.Identifier.Text,
            _ => "declaration",
        };
        Report(node, "generics", $"generic declaration: {owner}{node} — nanoFramework 1.x has no generics");
        base.VisitTypeParameterList(node);
    }

    public override void VisitGenericName(GenericNameSyntax node)
    {
        var name = node.Identifier.Text;
        if (name is "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory")
            Report(node, "span", $"{Code(node)} — no Span<T>/Memory<T> in nanoFramework 1.x (use byte[] or SpanByte)");
        else
            Report(node, "generics", $"generic type or method {Code(node)} — nanoFramework 1.x cannot run generics (even the Action<T>/Func<>/EventHandler<T> its mscorlib declares)");
        base.VisitGenericName(node);
    }

    public override void VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var symbol = _model.GetSymbolInfo(node).Symbol as IMethodSymbol;
        if (symbol != null && symbol.IsGenericMethod && node.Expression is not GenericNameSyntax
            && !(node.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax }))
            Report(node, "generics", $"call of generic method {symbol.Name}<{string.Join(", ", symbol.TypeArguments.Select(t => t.ToDisplayString()))}> (type arguments inferred) — no generics in nanoFramework 1.x");

        // LINQ method syntax: a query operator name that does not bind to a listed API.
        if (node.Expression is MemberAccessExpressionSyntax ma && LinqNames.Contains(ma.Name.Identifier.Text)
            && (symbol == null || symbol.ContainingNamespace?.ToDisplayString() == "System.Linq")
            && IsSequence(ma.Expression))
            Report(node, "linq", $"LINQ method .{ma.Name.Identifier.Text}() — there is no LINQ in nanoFramework 1.x");

        if (symbol != null) CheckFormatCall(node, symbol);
        if (symbol != null && _hotPath && symbol.ContainingType?.ToDisplayString() == "System.Math" && TrigNames.Contains(symbol.Name))
            CheckTrigInLoop(node, symbol.Name);
        base.VisitInvocationExpression(node);
    }

    /// <summary>An instance that LINQ would query: an array or something enumerable (not a type name like Math).</summary>
    private bool IsSequence(ExpressionSyntax receiver)
    {
        if (_model.GetSymbolInfo(receiver).Symbol is ITypeSymbol) return false;
        var t = _model.GetTypeInfo(receiver).Type;
        return t is IArrayTypeSymbol || t?.SpecialType == SpecialType.System_String
               || (t?.AllInterfaces.Any(i => i.Name == "IEnumerable") ?? false) || t?.Name == "IEnumerable";
    }

    /// <summary>Types whose value is a constructed generic type (e.g. a lambda converted to Func&lt;int&gt;).</summary>
    private void CheckGenericType(ExpressionSyntax node)
    {
        var info = _model.GetTypeInfo(node);
        foreach (var t in new[] { info.Type, info.ConvertedType })
            if (t is INamedTypeSymbol { IsGenericType: true } g)
            {
                Report(node, "generics", $"{Code(node)} has generic type {g.ToDisplayString()} — no generics in nanoFramework 1.x");
                return;
            }
    }

    public override void VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        CheckGenericType(node);
        CheckAsync(node.AsyncKeyword, node);
        CheckLambdaInHotLoop(node);
        base.VisitParenthesizedLambdaExpression(node);
    }

    public override void VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        CheckGenericType(node);
        CheckAsync(node.AsyncKeyword, node);
        CheckLambdaInHotLoop(node);
        base.VisitSimpleLambdaExpression(node);
    }

    public override void VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        CheckGenericType(node);
        CheckAsync(node.AsyncKeyword, node);
        CheckLambdaInHotLoop(node);
        base.VisitAnonymousMethodExpression(node);
    }

    public override void VisitIdentifierName(IdentifierNameSyntax node)
    {
        if (node.Identifier.Text == "dynamic" && _model.GetTypeInfo(node).Type?.TypeKind == TypeKind.Dynamic)
            Report(node, "dynamic", "dynamic — not in nanoFramework 1.x");
        else if (node.Parent is ArgumentSyntax or EqualsValueClauseSyntax or AssignmentExpressionSyntax
                 && _model.GetSymbolInfo(node).Symbol is IMethodSymbol)
            CheckGenericType(node); // a method group converted to a generic delegate (e.g. passed as Func<int>)
        if (node.Identifier.Text is "ValueTuple" or "Nullable" && _model.GetSymbolInfo(node).Symbol is null or INamedTypeSymbol)
            Report(node, node.Identifier.Text == "Nullable" ? "nullable" : "tuples", $"{node.Identifier.Text} — not in nanoFramework 1.x");
        base.VisitIdentifierName(node);
    }

    public override void VisitVariableDeclaration(VariableDeclarationSyntax node)
    {
        if (node.Type.IsVar && _model.GetTypeInfo(node.Type).Type is INamedTypeSymbol { IsGenericType: true } g)
            Report(node, "generics", $"var of generic type {g.ToDisplayString()} — no generics in nanoFramework 1.x");
        base.VisitVariableDeclaration(node);
    }

    // ----- LINQ, async, records, tuples, nullable, arrays, stackalloc, unsafe ---------------------------------

    public override void VisitQueryExpression(QueryExpressionSyntax node)
    {
        Report(node, "linq", $"LINQ query '{Code(node)}' — there is no LINQ in nanoFramework 1.x");
        base.VisitQueryExpression(node);
    }

    public override void VisitUsingDirective(UsingDirectiveSyntax node)
    {
        var name = node.Name?.ToString() ?? node.NamespaceOrType?.ToString() ?? "";
        if (name == "System.Linq" || name.StartsWith("System.Linq.", StringComparison.Ordinal))
            Report(node, "linq", $"using {name} — there is no LINQ in nanoFramework 1.x");
        if (name == "System.Threading.Tasks")
            Report(node, "async", "using System.Threading.Tasks — no Task/async in nanoFramework 1.x");
        base.VisitUsingDirective(node);
    }

    private void CheckAsync(SyntaxToken asyncKeyword, SyntaxNode node)
    {
        if (asyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
            Report(asyncKeyword.GetLocation(), "async", $"async {Describe(node)} — no async/await/Task in nanoFramework 1.x");
    }

    private static string Describe(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => "method " + m.Identifier.Text,
        LocalFunctionStatementSyntax l => "local function " + l.Identifier.Text,
        _ => "lambda",
    };

    public override void VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        CheckAsync(node.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.AsyncKeyword)), node);
        CheckUnsafeModifier(node.Modifiers);
        CheckDefaultInterfaceMember(node, node.Body != null || node.ExpressionBody != null, node.Modifiers, "method " + node.Identifier.Text);
        base.VisitMethodDeclaration(node);
    }

    public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        CheckAsync(node.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.AsyncKeyword)), node);
        CheckUnsafeModifier(node.Modifiers);
        base.VisitLocalFunctionStatement(node);
    }

    public override void VisitYieldStatement(YieldStatementSyntax node)
    {
        var owner = node.Ancestors().Select(a => a switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            LocalFunctionStatementSyntax l => l.Identifier.Text,
            PropertyDeclarationSyntax p => p.Identifier.Text,
            _ => null,
        }).FirstOrDefault(n => n != null) ?? "";
        Report(node, "iterator", $"yield iterator {owner} — does not build for nanoFramework 1.x: the compiler implements IEnumerable<T>/IEnumerator<T> for every iterator (return an array or ArrayList)");
        base.VisitYieldStatement(node);
    }

    public override void VisitAwaitExpression(AwaitExpressionSyntax node)
    {
        Report(node, "async", $"await '{Code(node)}' — no async/await/Task in nanoFramework 1.x");
        base.VisitAwaitExpression(node);
    }

    public override void VisitForEachStatement(ForEachStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)) Report(node, "async", "await foreach — no async in nanoFramework 1.x");
        base.VisitForEachStatement(node);
    }

    public override void VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        Report(node.Variable, "tuples", $"deconstruction in foreach '{Code(node.Variable)}' — no tuples in nanoFramework 1.x");
        base.VisitForEachVariableStatement(node);
    }

    public override void VisitUsingStatement(UsingStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)) Report(node, "async", "await using — no async in nanoFramework 1.x");
        base.VisitUsingStatement(node);
    }

    public override void VisitLocalDeclarationStatement(LocalDeclarationStatementSyntax node)
    {
        if (node.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)) Report(node, "async", "await using — no async in nanoFramework 1.x");
        base.VisitLocalDeclarationStatement(node);
    }

    public override void VisitRecordDeclaration(RecordDeclarationSyntax node)
    {
        Report(node.Identifier.GetLocation(), "records", $"record {node.Identifier.Text} — records are not supported on nanoFramework 1.x (they need IEquatable<T>)");
        base.VisitRecordDeclaration(node);
    }

    public override void VisitWithExpression(WithExpressionSyntax node)
    {
        Report(node, "records", $"with-expression '{Code(node)}' — records are not supported on nanoFramework 1.x");
        base.VisitWithExpression(node);
    }

    public override void VisitTupleType(TupleTypeSyntax node)
    {
        Report(node, "tuples", $"tuple type {Code(node)} — no ValueTuple in nanoFramework 1.x");
        base.VisitTupleType(node);
    }

    public override void VisitTupleExpression(TupleExpressionSyntax node)
    {
        var what = node.Parent is AssignmentExpressionSyntax a && a.Left == node ? "deconstruction" : "tuple literal";
        Report(node, "tuples", $"{what} {Code(node)} — no tuples in nanoFramework 1.x");
        base.VisitTupleExpression(node);
    }

    public override void VisitParenthesizedVariableDesignation(ParenthesizedVariableDesignationSyntax node)
    {
        Report(node, "tuples", $"deconstruction {Code(node)} — no tuples in nanoFramework 1.x");
        base.VisitParenthesizedVariableDesignation(node);
    }

    public override void VisitPositionalPatternClause(PositionalPatternClauseSyntax node)
    {
        Report(node, "tuples", $"positional pattern {Code(node)} — needs Deconstruct/tuples, not in nanoFramework 1.x");
        base.VisitPositionalPatternClause(node);
    }

    public override void VisitNullableType(NullableTypeSyntax node)
    {
        var t = _model.GetTypeInfo(node.ElementType).Type;
        if (t == null || t.IsValueType || t.TypeKind == TypeKind.Error)
            Report(node, "nullable", $"nullable value type {Code(node)} — no Nullable<T> in nanoFramework 1.x");
        base.VisitNullableType(node);
    }

    public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        if (node.Rank > 1)
            Report(node, "multidim-array", $"multidimensional array {Code(node.Parent ?? node)} — not supported on nanoFramework 1.x (use jagged or flat arrays)");
        base.VisitArrayRankSpecifier(node);
    }

    public override void VisitStackAllocArrayCreationExpression(StackAllocArrayCreationExpressionSyntax node)
    {
        Report(node, "stackalloc", $"stackalloc '{Code(node)}' — not supported on nanoFramework 1.x");
        base.VisitStackAllocArrayCreationExpression(node);
    }

    public override void VisitImplicitStackAllocArrayCreationExpression(ImplicitStackAllocArrayCreationExpressionSyntax node)
    {
        Report(node, "stackalloc", $"stackalloc '{Code(node)}' — not supported on nanoFramework 1.x");
        base.VisitImplicitStackAllocArrayCreationExpression(node);
    }

    private void CheckUnsafeModifier(SyntaxTokenList modifiers)
    {
        if (_allowUnsafe) return;
        var u = modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.UnsafeKeyword));
        if (u.IsKind(SyntaxKind.UnsafeKeyword))
            Report(u.GetLocation(), "unsafe", "unsafe — needs <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the .nfproj");
    }

    public override void VisitUnsafeStatement(UnsafeStatementSyntax node)
    {
        if (!_allowUnsafe) Report(node.UnsafeKeyword.GetLocation(), "unsafe", "unsafe block — needs <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the .nfproj");
        base.VisitUnsafeStatement(node);
    }

    public override void VisitPointerType(PointerTypeSyntax node)
    {
        if (!_allowUnsafe) Report(node, "unsafe", $"pointer type {Code(node)} — needs <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the .nfproj");
        base.VisitPointerType(node);
    }

    public override void VisitClassDeclaration(ClassDeclarationSyntax node)
    {
        CheckUnsafeModifier(node.Modifiers);
        base.VisitClassDeclaration(node);
    }

    public override void VisitStructDeclaration(StructDeclarationSyntax node)
    {
        CheckUnsafeModifier(node.Modifiers);
        base.VisitStructDeclaration(node);
    }

    // ----- default interface members, init-only ---------------------------------------------------------------

    private void CheckDefaultInterfaceMember(MemberDeclarationSyntax node, bool hasBody, SyntaxTokenList modifiers, string what)
    {
        if (node.Parent is not InterfaceDeclarationSyntax) return;
        if (hasBody || modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword)))
            Report(node, "default-interface", $"interface {what} with a body or static — no default interface members on nanoFramework 1.x");
    }

    public override void VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var body = node.ExpressionBody != null || (node.AccessorList?.Accessors.Any(a => a.Body != null || a.ExpressionBody != null) ?? false);
        CheckDefaultInterfaceMember(node, body, node.Modifiers, "property " + node.Identifier.Text);
        CheckUnsafeModifier(node.Modifiers);
        base.VisitPropertyDeclaration(node);
    }

    public override void VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var body = node.ExpressionBody != null || (node.AccessorList?.Accessors.Any(a => a.Body != null || a.ExpressionBody != null) ?? false);
        CheckDefaultInterfaceMember(node, body, node.Modifiers, "indexer");
        base.VisitIndexerDeclaration(node);
    }

    public override void VisitEventDeclaration(EventDeclarationSyntax node)
    {
        CheckDefaultInterfaceMember(node, node.AccessorList != null, node.Modifiers, "event " + node.Identifier.Text);
        base.VisitEventDeclaration(node);
    }

    public override void VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        if (node.IsKind(SyntaxKind.InitAccessorDeclaration))
            Report(node, "init-only", "init accessor — no init-only setters in the firmware (brief: no init-only tricks); use a constructor or a plain setter");
        base.VisitAccessorDeclaration(node);
    }

    // ----- format strings -----------------------------------------------------------------------------------

    private static bool IsNumeric(ITypeSymbol? t) => t?.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_Decimal;

    private void CheckFormat(SyntaxNode at, string format, string where)
    {
        if (format.Length == 0 || StandardNumericFormat.IsMatch(format)) return;
        Report(at, "format", $"custom numeric format \"{format}\" in {where} — nanoFramework supports only the standard D, F, G, N, X formats (e.g. \"F2\")");
    }

    private void CheckFormatCall(InvocationExpressionSyntax node, IMethodSymbol symbol)
    {
        var args = node.ArgumentList.Arguments;
        if (symbol.Name == "ToString" && args.Count >= 1 && IsNumeric(symbol.ContainingType)
            && _model.GetConstantValue(args[0].Expression) is { HasValue: true, Value: string f })
            CheckFormat(args[0], f, $"{symbol.ContainingType.ToDisplayString()}.ToString");

        if (symbol.Name == "Format" && symbol.ContainingType?.SpecialType == SpecialType.System_String && args.Count >= 1
            && _model.GetConstantValue(args[0].Expression) is { HasValue: true, Value: string composite })
        {
            foreach (Match m in Regex.Matches(composite, @"(?<!\{)\{(?<i>\d+)\s*(,\s*-?\d+\s*)?(:(?<f>[^}]*))?\}"))
            {
                if (!m.Groups["f"].Success) continue;
                var index = int.Parse(m.Groups["i"].Value) + 1;
                var argType = index < args.Count ? _model.GetTypeInfo(args[index].Expression).Type : null;
                if (argType == null || IsNumeric(argType))
                    CheckFormat(args[0], m.Groups["f"].Value, "string.Format");
            }
        }
    }

    public override void VisitInterpolatedStringExpression(InterpolatedStringExpressionSyntax node)
    {
        if (_hotPath && InLoop(node))
            Report(node, "hot-path", $"string interpolation inside a loop in a per-sample folder — allocates and boxes on every iteration ({Code(node)})");
        base.VisitInterpolatedStringExpression(node);
    }

    public override void VisitInterpolation(InterpolationSyntax node)
    {
        if (node.FormatClause != null && IsNumeric(_model.GetTypeInfo(node.Expression).Type))
            CheckFormat(node, node.FormatClause.FormatStringToken.ValueText, "an interpolation hole");
        base.VisitInterpolation(node);
    }

    // ----- hot paths ----------------------------------------------------------------------------------------

    private static bool InLoop(SyntaxNode node)
    {
        for (var n = node.Parent; n != null; n = n.Parent)
        {
            if (n is ForStatementSyntax f && (f.Statement.Contains(node) || f.Condition?.Contains(node) == true || f.Incrementors.Any(i => i.Contains(node))))
                return true;
            if (n is CommonForEachStatementSyntax fe && fe.Statement.Contains(node)) return true;
            if (n is WhileStatementSyntax or DoStatementSyntax) return true;
            if (n is MemberDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax) return false;
        }
        return false;
    }

    private void CheckTrigInLoop(InvocationExpressionSyntax node, string name)
    {
        if (!InLoop(node)) return;
        string? member = null;
        foreach (var n in node.Ancestors())
        {
            switch (n)
            {
                case ConstructorDeclarationSyntax:
                    return; // set-up: tables are built here
                case LocalFunctionStatementSyntax l:
                    member ??= l.Identifier.Text;
                    continue;
                case MethodDeclarationSyntax m:
                    member ??= m.Identifier.Text;
                    break;
                case PropertyDeclarationSyntax p:
                    member ??= p.Identifier.Text;
                    break;
                case OperatorDeclarationSyntax or IndexerDeclarationSyntax or AccessorDeclarationSyntax:
                    continue;
                default:
                    continue;
            }
            break;
        }
        if (member != null && SetupPrefixes.Any(p => member.StartsWith(p, StringComparison.Ordinal))) return;
        Report(node, "hot-path", $"Math.{name} inside a loop of {member ?? "a member"} in a per-sample folder — no trig in per-sample loops; precompute a table in the constructor or a Build*/Create*/Init*/Precompute* method");
    }

    private void CheckLambdaInHotLoop(SyntaxNode node)
    {
        if (_hotPath && InLoop(node))
            Report(node, "hot-path", $"lambda/closure inside a loop in a per-sample folder — allocates per iteration ({Code(node)})");
    }
}
