using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SensorNode.ApiGuard.Guard;

/// <summary>
/// The second, independent check: every external symbol the code binds to (types, methods, properties, fields,
/// events, constructors, operators, user-defined conversions, extension methods, attributes, the members a
/// foreach uses) must have its documentation-comment ID in the listings of the allowed assemblies. It does not
/// trust the generated declarations: whatever they contain beyond the listing (an implicit constructor, an
/// explicit interface implementation) is caught here.
/// </summary>
public static class DocIdCheck
{
    public static IEnumerable<Violation> Run(SyntaxTree tree, SemanticModel model, IReadOnlySet<string> allowedIds,
        ApiCatalog catalog, IReadOnlyCollection<string> allowedAssemblies)
    {
        var seen = new HashSet<(int, string)>();
        var asmList = string.Join(", ", allowedAssemblies);
        var result = new List<Violation>();

        void Check(ISymbol? symbol, SyntaxNode at)
        {
            var target = Normalize(symbol);
            if (target == null) return;
            var asm = target.ContainingAssembly?.Name;
            if (asm == null || !catalog.Assemblies.ContainsKey(asm)) return; // declared in the guarded sources
            var id = target.GetDocumentationCommentId();
            if (id == null || allowedIds.Contains(id)) return;
            var line = at.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            if (!seen.Add((line, id))) return;
            var display = target.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            var where = catalog.DocIdOwner.TryGetValue(id, out var owner) && !allowedAssemblies.Contains(owner)
                ? $"; listed in {owner}, which the project does not reference" : "";
            result.Add(new Violation(tree.FilePath, line, "docid",
                $"{display} — {id} not in nanoFramework 1.x ({asmList}){where}"));
        }

        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                // Every named symbol appears as a simple name; the rest is bound by the enclosing construct.
                case SimpleNameSyntax or BaseObjectCreationExpressionSyntax or ElementAccessExpressionSyntax
                    or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax
                    or AssignmentExpressionSyntax or CastExpressionSyntax or ImplicitElementAccessSyntax:
                    var e = (ExpressionSyntax)node;
                    Check(model.GetSymbolInfo(e).Symbol, e);
                    if (e is BaseObjectCreationExpressionSyntax { Initializer: { } init } && init.IsKind(SyntaxKind.CollectionInitializerExpression))
                        foreach (var item in init.Expressions)
                            Check(model.GetCollectionInitializerSymbolInfo(item).Symbol, item);
                    break;
                case ArgumentSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax:
                    // Where user-defined implicit conversions happen (byte[] → SpanByte, int → PinValue ...).
                    var value = node switch
                    {
                        ArgumentSyntax a0 => a0.Expression,
                        EqualsValueClauseSyntax ev => ev.Value,
                        ReturnStatementSyntax r => r.Expression,
                        ArrowExpressionClauseSyntax ar => ar.Expression,
                        _ => null,
                    };
                    if (value != null)
                    {
                        var conv = model.GetConversion(value);
                        if (conv.IsUserDefined) Check(conv.MethodSymbol, value);
                    }
                    break;
                case AttributeSyntax a:
                    Check(model.GetSymbolInfo(a).Symbol, a);
                    break;
                case ConstructorInitializerSyntax ci:
                    Check(model.GetSymbolInfo(ci).Symbol, ci);
                    break;
                case CommonForEachStatementSyntax fe:
                    var info = model.GetForEachStatementInfo(fe);
                    Check(info.GetEnumeratorMethod, fe.Expression);
                    Check(info.MoveNextMethod, fe.Expression);
                    Check(info.CurrentProperty, fe.Expression);
                    break;
                case BaseTypeSyntax bt:
                    Check(model.GetTypeInfo(bt.Type).Type, bt);
                    break;
            }
        }
        return result;
    }

    /// <summary>The listed symbol that stands for what the code used, or null when there is nothing to check.</summary>
    private static ISymbol? Normalize(ISymbol? symbol)
    {
        switch (symbol)
        {
            case null:
            case ILocalSymbol or IParameterSymbol or ILabelSymbol or IRangeVariableSymbol or ITypeParameterSymbol
                or IDiscardSymbol or IAliasSymbol or INamespaceSymbol or IPreprocessingSymbol:
                return null;
            case IArrayTypeSymbol arr:
                return Normalize(arr.ElementType);
            case IPointerTypeSymbol ptr:
                return Normalize(ptr.PointedAtType);
            case IErrorTypeSymbol or IDynamicTypeSymbol:
                return null; // compile errors and the rule walker report these
            case IMethodSymbol m:
                if (m.MethodKind == MethodKind.BuiltinOperator) return null;
                if (m.ReducedFrom != null) m = m.ReducedFrom;
                if (m.MethodKind is MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.PropertyGet or MethodKind.PropertySet)
                    return Normalize(m.AssociatedSymbol); // listed as the event or property
                if (m.ContainingType?.TypeKind == TypeKind.Delegate && m.MethodKind is MethodKind.DelegateInvoke or MethodKind.Constructor)
                    return Normalize(m.ContainingType); // delegate lines carry their signature; members are not listed
                if (m.IsImplicitlyDeclared && m.MethodKind == MethodKind.Constructor && m.ContainingType?.IsValueType == true)
                    return null; // default(T) / new T() of a struct exists for every struct
                if (m.MethodKind == MethodKind.LocalFunction || m.MethodKind == MethodKind.AnonymousFunction) return null;
                return m.OriginalDefinition;
            case INamedTypeSymbol t:
                return t.OriginalDefinition;
            default:
                return symbol.OriginalDefinition;
        }
    }
}
