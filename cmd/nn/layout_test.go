package main

// A test of the command's layout: each command's file holds that command,
// and takes what it shares from the shared files only.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// commandFiles are the files of each command; every other non-test file of
// cmd/nn is shared by the commands.
var commandFiles = map[string]string{
	"explain.go": "explain", "plot.go": "plot", "predict.go": "predict", "quiz.go": "quiz",
	"serve.go": "serve", "tour.go": "tour", "train.go": "train", "train_plan.go": "train", "xor.go": "xor",
}

// TestNoReachingIntoSiblings (issue 15): no file uses a name declared at
// the top of another command's file; only the command list (base.go) and
// main.go name the commands themselves. Catches: the quiz calling the
// tour's chainFactor, the tour the quiz's sawtoothMinimum.
func TestNoReachingIntoSiblings(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	declared := map[string]string{} // a top-level name → its file
	parsed := map[string]*ast.File{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed[f] = af
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					declared[d.Name.Name] = f
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						declared[s.Name.Name] = f
					case *ast.ValueSpec:
						for _, n := range s.Names {
							declared[n.Name] = f
						}
					}
				}
			}
		}
	}
	for f, af := range parsed {
		ast.Inspect(af, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			in, ok := declared[id.Name]
			cmd, isCmd := commandFiles[in]
			switch {
			case !ok || !isCmd || cmd == commandFiles[f]:
			case (f == "base.go" || f == "main.go") && strings.HasPrefix(id.Name, "cmd"):
			case isLocal(af, id):
			default:
				t.Errorf("%s: %s uses %s of %s (the %s command's file); move it to a shared file", fset.Position(id.Pos()), f, id.Name, in, cmd)
			}
			return true
		})
	}
}

// isLocal reports whether id is declared inside a function of af (a
// parameter or a variable of the same name as a top-level one), or is a
// field: after a dot, in a struct type or as a key of a literal.
func isLocal(af *ast.File, id *ast.Ident) bool {
	local := false
	ast.Inspect(af, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			local = local || n.Sel == id
		case *ast.KeyValueExpr:
			local = local || n.Key == id
		case *ast.Field:
			for _, nm := range n.Names {
				local = local || nm == id
			}
		case *ast.FuncDecl:
			if n.Pos() <= id.Pos() && id.Pos() < n.End() {
				local = local || declaredIn(n, id.Name)
			}
		}
		return !local
	})
	return local
}

// declaredIn reports whether fn declares name: a parameter, a result, or a
// variable defined with := or var.
func declaredIn(fn *ast.FuncDecl, name string) bool {
	found := false
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			for _, nm := range n.Names {
				found = found || nm.Name == name
			}
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name {
						found = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, nm := range n.Names {
				found = found || nm.Name == name
			}
		}
		return !found
	})
	return found
}
