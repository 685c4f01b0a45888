// Tic-tac-toe: the example turn-based game, and TicTacToe-v0, a single-agent view against a random opponent.
export { TicTacToe } from './tictactoe.js';
