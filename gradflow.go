package nn

import "math"

// LayerNorms returns ‖∂L/∂W^l‖ (the Frobenius norm) for l = 1 … L, indexed by
// layer (index 0 is 0): how much gradient reaches each layer's weights.
func LayerNorms(g *Grads) []float64 {
	n := make([]float64, len(g.W))
	for l := 1; l < len(g.W); l++ {
		n[l] = math.Sqrt(Dot(g.W[l].Data, g.W[l].Data))
	}
	return n
}

// GradientFlow returns the norm of the weight gradient of every layer,
// ‖∂L/∂W^l‖ for l = 1 … L (index 0 is 0), for the mean loss of the batch
// (X, Y) in training mode without dropout (notes §11): the diagnostic to call
// when training stalls. Vanishing gradients show as norms that fall by orders
// of magnitude from the last layer to the first; exploding ones as norms that grow.
func GradientFlow(net *MLP, X, Y *Matrix, loss Loss) []float64 {
	ws := net.NewWorkspace(X.Rows)
	ws.Training = true
	g := net.NewGrads()
	net.BackpropBatch(ws, X, Y, loss, g)
	return LayerNorms(g)
}
